import { useS3Storage } from "@/test/s3-storage";
import { mediaContract } from "@/test/contracts/media-contract";

useS3Storage();

mediaContract("s3");
