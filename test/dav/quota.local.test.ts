import { davQuotaContract } from "@/test/contracts/dav-quota-contract";

davQuotaContract("local");
