import { useS3Storage } from "@/test/s3-storage";
import { mediaQueueContract } from "@/test/contracts/media-queue-contract";

useS3Storage();

// Formats, hostile files and missing tools are the decoders' alone: the local driver's run covers them.
mediaQueueContract("s3", { decoders: false, migration: true });
