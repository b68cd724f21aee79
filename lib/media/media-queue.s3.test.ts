import { useS3Storage } from "@/test/s3-storage";
import { mediaQueueContract } from "@/test/contracts/media-queue-contract";

useS3Storage();

mediaQueueContract("s3");
