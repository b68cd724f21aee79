import { shareDownloadContract } from "@/test/contracts/download-contract";

shareDownloadContract("local");
