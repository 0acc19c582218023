export * from "./directory";
export * from "./taxonomy";
export * from "./search";
export * from "./accounts";
export * from "./listings";
export * from "./referrals";
export * from "./jobs";
