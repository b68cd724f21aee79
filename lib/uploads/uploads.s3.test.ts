import { useS3Storage } from "@/test/s3-storage";
import { uploadContract } from "@/test/contracts/uploads-contract";

useS3Storage({ MULTIPART_THRESHOLD: "16MiB" });

uploadContract("s3");
