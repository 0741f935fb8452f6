import type { accounts } from "../schema";

export const DEMO_PASSWORD = "switchboard";

export const demoAccounts: Omit<typeof accounts.$inferInsert, "passwordHash">[] = [
  { email: "admin@switchboard.local", name: "Ada Admin", role: "admin" },
  { email: "analyst@switchboard.local", name: "Ana Analyst", role: "analyst" },
  { email: "user@switchboard.local", name: "Uma User", role: "user" },
  { email: "user2@switchboard.local", name: "Ugo User", role: "user" },
];

/** One exchange of a demo conversation: the user's message and the answer the conversation's model gave. */
export type DemoTurn = { user: string; assistant: string };

/**
 * The demo conversations: the first user has one in clinical, health and operations; the second one in general and
 * one in health on a model they picked (so a switch of health does not concern them). Each message has its answer,
 * so a demo opens on conversations that read like real ones.
 */
export const demoConversations: readonly { email: string; useCase: string; title: string; modelOverrideId?: string; turns: readonly DemoTurn[] }[] = [
  {
    email: "user@switchboard.local",
    useCase: "clinical",
    title: "Medication interaction check",
    turns: [
      {
        user: "Can ibuprofen be taken together with lisinopril for a patient with hypertension?",
        assistant:
          "It is possible, but it is not a neutral combination. NSAIDs such as ibuprofen can blunt the blood-pressure-lowering effect of ACE inhibitors like lisinopril, and together they raise the risk of acute kidney injury, especially in older patients, in dehydration, or when a diuretic is also taken (the so-called triple whammy).\n\nFor occasional short-term use: the lowest effective dose for the shortest time, good hydration, and a blood-pressure check. For regular use: prefer paracetamol for pain, or monitor creatinine and potassium within one to two weeks of starting. The prescriber should make the final call for this patient.",
      },
      {
        user: "What dosage adjustments are usual for reduced kidney function?",
        assistant:
          "For lisinopril, the usual guidance by creatinine clearance is:\n\n- above 30 mL/min: the normal starting dose (often 10 mg once daily for hypertension), titrated to response;\n- 10 to 30 mL/min: start at 5 mg once daily;\n- below 10 mL/min or on dialysis: start at 2.5 mg once daily.\n\nIncrease slowly and check creatinine and potassium after each change. Ibuprofen is best avoided altogether when clearance is below 30 mL/min. Check the local formulary, since thresholds differ slightly between references.",
      },
    ],
  },
  {
    email: "user@switchboard.local",
    useCase: "health",
    title: "Sleep and recovery plan",
    turns: [
      {
        user: "I sleep badly after late workouts. How should I plan exercise and sleep this week?",
        assistant:
          "A plan for the week that keeps your training but protects your sleep:\n\n1. Move hard sessions (intervals, heavy lifting) to the morning or before 6 pm on at least four days; keep late sessions easy, such as a walk, mobility or light cycling.\n2. Leave two to three hours between the end of a workout and bedtime, and finish with ten minutes of slow cool-down.\n3. Keep the same wake-up time every day, including the weekend; it anchors your sleep more than the bedtime does.\n4. After a late session: a cool shower, a light meal with some carbohydrate and protein, dim lights, and no caffeine after 2 pm.\n5. Plan one full rest day mid-week.\n\nNote how you sleep each night; after a week you will see which sessions cost you the most.",
      },
    ],
  },
  {
    email: "user@switchboard.local",
    useCase: "operations",
    title: "Warehouse incident follow-up",
    turns: [
      {
        user: "Draft the follow-up for yesterday's warehouse outage incident and the delayed shipment.",
        assistant:
          "Subject: Follow-up on yesterday's warehouse outage and delayed shipment\n\nHello all,\n\nYesterday the warehouse management system was unavailable for about three hours, which stopped picking and loading at the main site. As a result, one outbound shipment left late and will reach the customer one day after the agreed date.\n\nWhat we have done: the system is running again, the backlog of orders has been processed, and the customer has been informed with a new delivery date.\n\nNext steps:\n- root-cause analysis with the IT vendor, due Friday;\n- a manual picking fallback procedure for outages longer than one hour;\n- a review of the customer's service credit.\n\nPlease send any further impact you noticed to me by Thursday.\n\nBest regards",
      },
    ],
  },
  {
    email: "user2@switchboard.local",
    useCase: "general",
    title: "Team offsite ideas",
    turns: [
      {
        user: "Give me five ideas for a one-day team offsite in Berlin.",
        assistant:
          "Five ideas for a one-day team offsite in Berlin:\n\n1. A morning workshop in a rented space in Kreuzberg, followed by lunch at Markthalle Neun.\n2. A guided walk along the East Side Gallery and the Spree, ending with a boat tour through the city centre.\n3. A cooking class where the team prepares lunch together.\n4. A day at a lake such as Müggelsee or Wannsee, with planning sessions outdoors and a barbecue.\n5. An escape room or a city rally in the afternoon, with dinner in Prenzlauer Berg.\n\nMixing one focused work block with one shared activity usually works best.",
      },
    ],
  },
  {
    email: "user2@switchboard.local",
    useCase: "health",
    title: "Marathon nutrition",
    modelOverrideId: "eu.amazon.nova-pro-v1:0",
    turns: [
      {
        user: "What should I eat in the three days before a marathon?",
        assistant:
          "Carbohydrate loading works best over the last 36 to 48 hours: aim for about 8 to 10 g of carbohydrate per kilogram of body weight per day, from familiar foods such as rice, pasta, potatoes, bread, oats and bananas.\n\n- Reduce fibre and fat a little so the stomach stays calm.\n- Drink regularly and add some salt if you sweat a lot.\n- Keep protein moderate, and skip alcohol.\n- On race morning, eat a light breakfast three to four hours before the start, for example toast with honey and a banana.\n\nTry the race-morning breakfast on a long training run first; nothing new on race day.",
      },
    ],
  },
];

/** Archived demo conversations: their owners picked the model themselves, then archived them (read-only now). */
export const archivedDemoConversations: readonly {
  email: string;
  useCase: string;
  title: string;
  modelOverrideId: string;
  /** How long ago the conversation started and was archived. */
  startedDaysAgo: number;
  archivedDaysAgo: number;
  turns: readonly DemoTurn[];
}[] = [
  {
    email: "user@switchboard.local",
    useCase: "clinical",
    title: "Lab results walkthrough",
    modelOverrideId: "eu.anthropic.claude-sonnet-4-6",
    startedDaysAgo: 30,
    archivedDaysAgo: 20,
    turns: [
      {
        user: "Explain a lipid panel with LDL 4.1 mmol/L, HDL 1.0 mmol/L and triglycerides 2.3 mmol/L.",
        assistant:
          "These values point to a mixed dyslipidaemia. LDL at 4.1 mmol/L is above the usual target for most adults (below 3.0 mmol/L, lower with other risk factors). HDL at 1.0 mmol/L is at the low end, and triglycerides at 2.3 mmol/L are raised (normal is below 1.7 mmol/L when fasting).\n\nThe next step is an overall cardiovascular risk estimate (age, blood pressure, smoking, diabetes, family history), which decides between lifestyle measures alone and starting a statin. A repeat fasting sample confirms the triglycerides.",
      },
    ],
  },
  {
    email: "user2@switchboard.local",
    useCase: "general",
    title: "Brainstorm notes",
    modelOverrideId: "eu.amazon.nova-lite-v1:0",
    startedDaysAgo: 80,
    archivedDaysAgo: 60,
    turns: [
      {
        user: "Help me name a newsletter about small-town food producers.",
        assistant:
          'A few directions:\n\n- Local and plain: "Made Down the Road", "The Village Larder", "Small Batch Post".\n- About the people: "Growers & Makers", "Hands in the Soil".\n- Playful: "The Weekly Harvest", "Crumbs from the Country".\n\n"Made Down the Road" says who it is about and where in four words; check that the domain is free before deciding.',
      },
    ],
  },
];
