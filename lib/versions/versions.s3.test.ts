import { useS3Storage } from "@/test/s3-storage";
import { versionsContract } from "@/test/contracts/versions-contract";

useS3Storage();

versionsContract("s3");
