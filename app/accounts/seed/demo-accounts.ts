/**
 * Demo sign-ins, created only with the demo data (never in a real deployment: anyone can read
 * these passwords here and in the README). Plain data, so browser tests can import it.
 */
export const DEMO_ACCOUNTS = {
  admin: {
    email: "admin@puente.example",
    password: "demo-river-lantern-42",
    name: "Ada Admin",
    role: "admin",
  },
  staff: {
    email: "staff@puente.example",
    password: "demo-harbor-compass-17",
    name: "Sam Staff",
    role: "staff",
  },
  editorA: {
    email: "editor1@puente.example",
    password: "demo-cedar-violin-88",
    name: "Elena Editor",
    role: "org_editor",
  },
  editorB: {
    email: "editor2@puente.example",
    password: "demo-willow-anchor-63",
    name: "Omar Editor",
    role: "org_editor",
  },
} as const;
