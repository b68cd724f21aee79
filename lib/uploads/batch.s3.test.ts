import { useS3Storage } from "@/test/s3-storage";
import { uploadBatchContract } from "@/test/contracts/upload-batch-contract";

useS3Storage({ MULTIPART_THRESHOLD: "16MiB" });

uploadBatchContract("s3");
