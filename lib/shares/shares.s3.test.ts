import { useS3Storage } from "@/test/s3-storage";
import { shareDownloadContract } from "@/test/contracts/download-contract";

useS3Storage();

shareDownloadContract("s3");
