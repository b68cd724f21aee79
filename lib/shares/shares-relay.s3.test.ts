// The S3 driver in relay mode (S3_PRESIGN=false: the store cannot presign): a link's URLs point at
// the app, so revoking the link ends them at once, as on the local driver.
import { useS3Storage } from "@/test/s3-storage";
import { shareDownloadContract } from "@/test/contracts/download-contract";

useS3Storage({ S3_PRESIGN: "false" });

shareDownloadContract("s3");
