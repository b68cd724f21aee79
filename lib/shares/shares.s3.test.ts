import { useS3Storage } from "@/test/s3-storage";
import { shareDownloadContract } from "./download-contract";

useS3Storage();

shareDownloadContract("s3");
