import { useS3Storage } from "@/test/s3-storage";
import { reconcileContract } from "@/test/contracts/reconcile-contract";

useS3Storage({ MULTIPART_THRESHOLD: "1MiB" });

reconcileContract("s3");
