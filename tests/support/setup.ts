// Every test process gets its own data folder (generated secrets land there) and the offline Bedrock gateway.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

process.env.SWITCHBOARD_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "sb-test-"));
process.env.BEDROCK_MODE = "offline";
process.env.SWITCHBOARD_SERVICE_KEY = "test-service-key-0123456789abcdef";
