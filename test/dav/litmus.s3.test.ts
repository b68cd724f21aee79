import { useS3Storage } from "@/test/s3-storage";
import { litmusContract } from "@/test/contracts/dav-litmus-contract";

useS3Storage();
litmusContract("s3");
