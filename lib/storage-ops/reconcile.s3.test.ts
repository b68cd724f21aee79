import { useS3Storage } from "@/test/s3-storage";
import { reconcileContract } from "./reconcile-contract";

useS3Storage({ MULTIPART_THRESHOLD: "1MiB" });

reconcileContract("s3");
