import { useS3Storage } from "@/test/s3-storage";
import { zipContract } from "@/test/contracts/zip-contract";

useS3Storage();

zipContract("s3");
