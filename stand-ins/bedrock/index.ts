// The Bedrock stand-in's programmatic API (see README.md beside this file).
export { startBedrockStandIn, standInFaultSchema } from "./server";
export type { BedrockStandIn, BedrockStandInOptions, StandInCall, StandInFault, StandInOperation } from "./server";
export { decodeFrames, STREAM_EXCEPTIONS, type StreamExceptionName } from "./wire";
