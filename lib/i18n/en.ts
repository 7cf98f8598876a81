/**
 * English UI text: the reference dictionary. Its shape is the `Dictionary` type, so every other
 * language must have exactly these keys (vi.ts is typed with it, and a test walks both at run time).
 * Text that needs a live value is a function, so each language can place the number where its
 * grammar wants it.
 */
export const en = {
  header: {
    skipLink: "Skip to content",
    navLabel: "Main",
    dashboard: "Dashboard",
    privacy: "Privacy",
    languageLabel: "Language",
  },
  privacy: {
    metaTitle: "Privacy",
    metaDescription: "What Roomlens stores about room bookings, why, for how long, who sees it, and how to opt out.",
    title: "What Roomlens knows about your room bookings",
    intro: (k: number) =>
      `Roomlens reads meeting-room bookings from the calendars your workplace already uses, so that space planners can see how rooms are used. It never learns who you are: your e-mail address is replaced by a pseudonym before anything is stored, meeting titles are never read, and planners only ever see totals covering at least ${k} people. This page is generated from the same list of fields the software itself uses, with the settings in force right now.`,
    exclusion: {
      heading: "Don't want your bookings counted?",
      body: "Exclude yourself and Roomlens deletes the bookings it holds under your pseudonym straight away, recalculates every figure built from them, and skips you in every later import. Admins never learn who opted out.",
      action: "Exclude me",
      note: "You sign in on the next page so Roomlens can find your bookings. You can include yourself again at any time; bookings deleted before that do not come back.",
    },
    live: {
      heading: "In force right now",
      kLabel: "Smallest group shown",
      kValue: (k: number) => `${k} people`,
      kHint: (k: number) => `No figure covers fewer than ${k} different organizers; smaller ones are shown as suppressed.`,
      retentionLabel: "Bookings kept for",
      retentionValue: (days: number) => `${days} days`,
      retentionHint: "Older bookings are deleted by the purge.",
      keyLabel: "Pseudonym key",
      keyValue: (version: number) => `version ${version}`,
      keyHint: (older: number) =>
        older === 0
          ? "The secret key is kept outside the database."
          : `The secret key is kept outside the database; ${older} older ${older === 1 ? "key is" : "keys are"} still used to find earlier bookings for exclusion and the purge.`,
      keyMissing: "not configured",
      keyMissingHint: "The administrator has not set the pseudonymisation key yet, so nothing can be imported.",
      purgeLabel: "Last purge",
      purgeNever: "never",
      purgeHint: "The purge deletes bookings older than the retention period.",
    },
    purposes: {
      heading: "Why: three purposes, nothing else",
      intro:
        "Your workplace privacy notice says that data about the conference rooms you book is analysed to improve the workplace, for example:",
      moreRooms: "Providing more conference rooms",
      moreRoomsDetail: "where demand regularly outruns the rooms there are, by size and by building.",
      deskSpace: "Reallocating conference space to desk space",
      deskSpaceDetail: "where rooms stand empty or are far bigger than the meetings held in them.",
      preferredRooms: "Identifying which rooms are preferred",
      preferredRoomsDetail: "and what sets them apart from the rooms people avoid.",
      outro:
        "Roomlens does not measure people: there is no view of who booked what, no ranking of people and no figure about a single person.",
    },
    journey: {
      heading: "From calendar to chart",
      calendar: "Room calendar",
      calendarDetail: "A booking in the room's calendar (ICS feed, CSV export, Google or Microsoft), with its title, organizer, attendees and more.",
      memory: "Import, in memory only",
      memoryDetail: "Roomlens reads the room, the times, the status, the organizer's e-mail and the attendee list. It never reads the title or the description. Nothing is written yet.",
      gate: "Privacy gate",
      gateDetail: "Excluded people are dropped. The organizer's e-mail becomes a keyed hash, the attendees become a number, and private events keep only room and time. Then the e-mail addresses are discarded.",
      database: "Database",
      databaseDetail: (days: number) => `Pseudonymised bookings, kept for ${days} days.`,
      analysis: "Analysis",
      analysisDetail: (k: number) =>
        `Totals per room, hour and day. A figure covering fewer than ${k} organizers is suppressed, together with any figure that would let it be worked out.`,
      charts: "Charts",
      chartsDetail: "Planners see aggregates only: how full rooms are, the busy hours, the preferred rooms.",
      transientNote: "Dashed steps are the only place e-mail addresses exist: in memory, for the length of one import.",
    },
    neverCollected: {
      heading: "Never collected",
      intro: "None of this is stored in any table, log or export:",
    },
    inventory: {
      heading: "Every stored field",
      intro:
        "Generated from the data inventory in Roomlens's code. A test compares it with the database: a column that is stored but missing here, or listed here but not stored, makes the test suite fail.",
      personal: "Data about bookings and people",
      operational: "Room directory and operations (no personal data)",
      field: "Field",
      example: "Example",
      purpose: "Purpose",
      source: "Source",
      retention: "Kept for",
      audience: "Who sees it",
      pseudonymised: "Pseudonymised",
      columnCount: (n: number) => `${n} ${n === 1 ? "field" : "fields"}`,
      signIn:
        "Sign-in data is kept apart. When you sign in, your name and e-mail address (from your organisation's identity provider), your role and when you last signed in are stored only to let you in and decide what you may see — never alongside bookings.",
    },
    legal: {
      heading: "Legal basis",
      body: (k: number, days: number) =>
        `Your employer processes this data on the basis of its legitimate interest in managing office space well: enough rooms of the right size, and no paying for space nobody uses. Roomlens keeps the processing in proportion to that interest: bookings are pseudonymised, only totals of at least ${k} people are shown, data is deleted after ${days} days, and you can object at any time.`,
    },
    rights: {
      heading: "Your rights and how to use them",
      object: "Right to object",
      objectBody: "Exclude yourself on My data. It takes effect at once, for past and future bookings.",
      access: "Right of access",
      accessBody: "My data shows whether you are included and how many bookings are held under your pseudonym. Everything stored about a booking is listed on this page.",
      erasure: "Right to erasure",
      erasureBody: (days: number) => `Excluding yourself deletes your stored bookings. Otherwise they are deleted automatically after ${days} days.`,
      rectification: "Right to rectification",
      rectificationBody: "Bookings are copied from the room calendars: correct a booking in your calendar and the next import updates it.",
      complaint: "Right to complain",
      complaintBody: "Write to the contact below. You may also complain to your data protection authority.",
      myData: "Go to My data",
    },
    controller: {
      heading: "Who is responsible",
      body: "The data controller is your employer, which runs Roomlens. For questions and requests about your data, contact:",
      unset: "Not set yet. The administrator should set ROOMLENS_CONTROLLER_CONTACT to the name and address of whoever is responsible for data protection.",
    },
  },
};

export type Dictionary = typeof en;
