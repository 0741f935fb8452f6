// Catalog ids the service tests use, named once.
export const SONNET_45 = "eu.anthropic.claude-sonnet-4-5-20250929-v1:0";
export const BARE_SONNET_45 = "anthropic.claude-sonnet-4-5-20250929-v1:0";
export const SONNET_46 = "eu.anthropic.claude-sonnet-4-6";
export const HAIKU = "eu.anthropic.claude-haiku-4-5-20251001-v1:0";
export const HAIKU_45 = HAIKU;
export const OPUS = "eu.anthropic.claude-opus-4-5-20251101-v1:0";
export const NOVA_LITE = "eu.amazon.nova-lite-v1:0";
export const NOVA_MICRO = "eu.amazon.nova-micro-v1:0";
export const NOVA_PRO = "eu.amazon.nova-pro-v1:0";
export const NOVA2_LITE = "eu.amazon.nova-2-lite-v1:0";
