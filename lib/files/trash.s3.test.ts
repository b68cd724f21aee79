import { useS3Storage } from "@/test/s3-storage";
import { trashContract } from "./trash-contract";

useS3Storage();

trashContract("s3");
