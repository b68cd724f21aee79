import { useS3Storage } from "@/test/s3-storage";
import { requestsContract } from "@/test/contracts/requests-contract";

useS3Storage();

requestsContract("s3");
