import type { accounts } from "../schema";

export const DEMO_PASSWORD = "switchboard";

export const demoAccounts: Omit<typeof accounts.$inferInsert, "passwordHash">[] = [
  { email: "admin@switchboard.local", name: "Ada Admin", role: "admin" },
  { email: "analyst@switchboard.local", name: "Ana Analyst", role: "analyst" },
  { email: "user@switchboard.local", name: "Uma User", role: "user" },
  { email: "user2@switchboard.local", name: "Ugo User", role: "user" },
];

/** The demo conversations: the first user has one in clinical, health and operations; the second one in general. */
export const demoConversations = [
  {
    email: "user@switchboard.local",
    useCase: "clinical",
    title: "Medication interaction check",
    messages: [
      "Can ibuprofen be taken together with lisinopril for a patient with hypertension?",
      "What dosage adjustments are usual for reduced kidney function?",
    ],
  },
  {
    email: "user@switchboard.local",
    useCase: "health",
    title: "Sleep and recovery plan",
    messages: ["I sleep badly after late workouts. How should I plan exercise and sleep this week?"],
  },
  {
    email: "user@switchboard.local",
    useCase: "operations",
    title: "Warehouse incident follow-up",
    messages: ["Draft the follow-up for yesterday's warehouse outage incident and the delayed shipment."],
  },
  {
    email: "user2@switchboard.local",
    useCase: "general",
    title: "Team offsite ideas",
    messages: ["Give me five ideas for a one-day team offsite in Berlin."],
  },
] as const;
