import { useS3Storage } from "./s3-storage";
import { accessMatrix } from "./access-matrix-contract";

useS3Storage();

accessMatrix("s3");
