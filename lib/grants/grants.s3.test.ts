import { useS3Storage } from "@/test/s3-storage";
import { grantsContract } from "@/test/contracts/grants-contract";

useS3Storage();

grantsContract("s3");
