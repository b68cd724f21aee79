import { shareDownloadContract } from "./download-contract";

shareDownloadContract("local");
