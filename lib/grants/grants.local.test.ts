import { grantsContract } from "@/test/contracts/grants-contract";

grantsContract("local");
