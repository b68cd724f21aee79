import { litmusContract } from "@/test/contracts/dav-litmus-contract";

litmusContract("local");
