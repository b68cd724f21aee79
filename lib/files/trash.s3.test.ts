import { useS3Storage } from "@/test/s3-storage";
import { trashContract } from "@/test/contracts/trash-contract";

useS3Storage();

trashContract("s3");
