import { useS3Storage } from "@/test/s3-storage";
import { davQuotaContract } from "@/test/contracts/dav-quota-contract";

useS3Storage();
davQuotaContract("s3");
