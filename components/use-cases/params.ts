/** The query parameter that selects a use case on the Use cases page (?useCase=health). */
export const USE_CASE_PARAM = "useCase";
