import { getFormatters } from "./format";

const int = getFormatters("en").integer;

/**
 * English UI text: the reference dictionary. Its shape is the `Dictionary` type, so every other
 * language must have exactly these keys (vi.ts is typed with it, and a test walks both at run time).
 * Text that needs a live value is a function, so each language can place the value where its
 * grammar wants it: counts arrive as numbers (each language writes its own digits and plurals),
 * text already rendered (a date, a percentage, a name) as strings. `{name}` in a text marks where
 * an element goes (see slots.ts); every language must use the same slots.
 */
export const en = {
  header: {
    skipLink: "Skip to content",
    navLabel: "Main",
    dashboard: "Dashboard",
    myData: "My data",
    admin: "Admin",
    privacy: "Privacy",
    languageLabel: "Language",
    accountLabel: "Account",
    signIn: "Sign in",
    signOut: "Sign out",
  },
  common: {
    roles: { member: "Member", planner: "Planner", admin: "Admin" },
    /** The one word on a hatched cell or bar that replaces a value covering fewer than k people. */
    suppressed: "suppressed",
    suppressedNote: (k: number) => `suppressed (< ${int(k)} people)`,
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
  dashboard: {
    metaTitle: "Dashboard",
    title: "Room utilisation",
    days: (days: number) => `${int(days)} ${days === 1 ? "day" : "days"}`,
    adjusted: "requested dates adjusted (a range must be valid and at most 2 years)",
    suppressedBanner: (k: number) =>
      `This range covers fewer than ${int(k)} people, so every figure is suppressed to protect their privacy. Choose a longer range to see results.`,
    footer: (k: number) => `Aggregates only · cells covering fewer than ${int(k)} people are suppressed`,
    filter: {
      from: "From",
      to: "To",
      apply: "Apply",
      presetsLabel: "Quick date ranges",
      presets: { "30d": "Last 30 days", "90d": "Last 90 days", "6m": "Last 6 months", ytd: "This year" },
    },
    empty: {
      noRooms: "No rooms yet",
      noBookings: (range: string) => `No bookings in ${range}`,
      noRoomsBody: "Roomlens has no room data to analyse. Import a calendar export to get started:",
      noBookingsBody: "Try a longer range with the presets above, or import more bookings:",
      formats:
        "The file can be an ICS feed or a CSV export (add {flag} if its name does not say which). To explore first, load the demo organisation with {demo}.",
      discarded:
        "The import keeps room, time and an attendee count for each booking; names, emails and meeting titles are discarded before anything is stored.",
      fileArgument: "file",
    },
    kpi: {
      heading: "Key figures",
      utilisation: "Utilisation",
      utilisationHint: "of working hours booked",
      bookings: "Bookings",
      bookingsHint: "confirmed, starting in range",
      bookedHours: "Booked hours",
      bookedHoursHint: "in working hours, overlaps once",
      rooms: "Rooms",
      roomsHint: "active in the directory",
      suppressed: "Suppressed",
      suppressedHint: (k: number) => `fewer than ${int(k)} people`,
    },
    rooms: {
      heading: "Utilisation by room",
      sub: "Share of each room’s working hours that was booked, highest first.",
      chartLabel: "Room utilisation chart (same figures as the table below)",
      chartTitle: "Utilisation by room",
      chartDescription: "Horizontal bars, highest utilisation first. The table below lists the same figures.",
      utilised: (percent: string) => `${percent} utilised`,
      floor: (floor: string) => `floor ${floor}`,
      tableCaption: "Utilisation by room, highest first",
      room: "Room",
      building: "Building",
      floorColumn: "Floor",
      seats: "Seats",
      bookings: "Bookings",
      bookedHours: "Booked hours",
      utilisation: "Utilisation",
      unknown: "unknown",
    },
    heatmap: {
      heading: "When rooms are busy",
      sub: "Utilisation of all rooms by weekday and hour, in each room’s local time.",
      caption: "Utilisation by weekday and hour",
      allSuppressed: (k: number) =>
        `Every hour is suppressed: each covers fewer than ${int(k)} people. Try a longer date range.`,
      noFigures: "No hourly figures for this range.",
      busiest: (slot: string, percent: string) => `Busiest: ${slot} at ${percent}.`,
      quietest: (slot: string, percent: string) => `Quietest: ${slot} at ${percent}.`,
      suppressedCount: (suppressed: number, total: number) => `${int(suppressed)} of ${int(total)} hours suppressed.`,
      noData: "no data",
      legendLabel: "Colour legend",
    },
  },
  me: {
    metaTitle: "My data",
    title: "My data",
    lead: (name: string) =>
      `Signed in as ${name}. Roomlens never stores your e-mail with your bookings: it finds them by computing your pseudonym now, from the address you signed in with.`,
    statusHeading: "Your status",
    excluded: "Excluded",
    excludedSince: (date: string) =>
      `since ${date}. Every import skips bookings you organise, and you are not counted as an attendee.`,
    excludedSinceUnknown: "Every import skips bookings you organise, and you are not counted as an attendee.",
    included: "Included",
    includedBody: "Your room bookings count towards the totals planners see — never shown on their own.",
    held: "Bookings held under your pseudonym right now:",
    includeHeading: "Include me again",
    includeBody: "From the next import on, your bookings count again. Bookings deleted while you were excluded do {not} come back.",
    includeNot: "not",
    includeAction: "Include me again",
    excludeHeading: "Exclude me",
    excludeDeletes: (bookings: number) =>
      `The ${int(bookings)} ${bookings === 1 ? "booking" : "bookings"} held under your pseudonym ${bookings === 1 ? "is" : "are"} deleted now, and every figure built from ${bookings === 1 ? "it" : "them"} is recalculated.`,
    excludeSkips: "Every later import drops bookings you organise and does not count you as an attendee.",
    excludeAdmins: (k: number) =>
      `Admins only ever see how many people opted out, never who — and only once at least ${int(k)} have.`,
    excludeAction: "Exclude me",
    privacyLink: "What Roomlens stores, why, and for how long",
  },
  signIn: {
    metaTitle: "Sign in",
    title: "Sign in to Roomlens",
    lead: "Signing in tells Roomlens which bookings are yours, so you can see and control them. Planners also see the dashboard; admins run the installation.",
    withProvider: (provider: string) => `Sign in with ${provider}`,
    yourOrganisation: "your organisation",
    demoHeading: "Demo sign-in",
    demoNote:
      "Demo mode only: pick a person of the demo organisation and a role. There is no password — this form does not exist outside demo mode.",
    person: "Person",
    role: "Role",
    submit: "Sign in",
    notConfigured:
      "No sign-in method is configured. An admin sets AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET.",
  },
  unauthorized: {
    title: "Please sign in",
    lead: "This page shows data only to signed-in people.",
    signIn: "Sign in",
    privacyLink: "What Roomlens stores, and why",
  },
  forbidden: {
    title: "Not available for your role",
    lead: "Planners see the dashboard and admins the settings. Everyone can see and control their own data.",
    myData: "My data",
    privacy: "Privacy",
  },
  admin: {
    nav: {
      label: "Admin sections",
      overview: "Overview",
      users: "Users and roles",
      settings: "Privacy and working hours",
      audit: "Audit log",
    },
    overview: {
      metaTitle: "Admin",
      title: "Admin",
      accounts: "Signed-in accounts",
      rooms: "Rooms",
      integrations: "Integrations",
      optedOut: "People who opted out",
      fewerThan: (k: number) => `fewer than ${int(k)}`,
      note: (k: number) =>
        `Who opted out is never shown to anyone: the exclusion list holds keyed hashes only, and the number appears once it reaches the small-group threshold k = ${int(k)}.`,
    },
    users: {
      metaTitle: "Users and roles",
      title: "Users and roles",
      intro:
        "Members see their own data; planners also see the dashboard; admins run the installation. First admins come from ROOMLENS_ADMIN_EMAILS. Every change is written to the audit log.",
      name: "Name",
      email: "E-mail",
      lastSignIn: "Last sign-in",
      role: "Role",
      roleOf: (person: string) => `Role of ${person}`,
      save: "Save",
      you: "you",
    },
    settings: {
      metaTitle: "Privacy and working hours",
      title: "Privacy and working hours",
      notSaved: "Not saved:",
      nothingChanged: "Nothing changed.",
      saved: (changes: number) =>
        `Saved ${int(changes)} ${changes === 1 ? "change" : "changes"}; each is in the audit log.`,
      invalid: {
        minGroupSize: "k must be a whole number from 5 to 100.",
        retentionDays: "The retention period must be a whole number of days from 30 to 760.",
        workdayStart: "Give the start of the working day as HH:MM.",
        workdayEnd: "Give the end of the working day as HH:MM, later than its start.",
        workdays: "Choose at least one working day.",
      },
      minGroupSize: "Smallest group shown (k)",
      minGroupSizeHint: "Every number shown covers at least k distinct organizers; smaller cells are suppressed. 5–100.",
      retentionDays: "Keep pseudonymised bookings for (days)",
      retentionDaysHint: "Older bookings are deleted by the daily purge. 30–760.",
      workdayStart: "Working day starts",
      workdayEnd: "Working day ends",
      workdayEndHint: "In each room’s own time zone.",
      workdays: "Working days",
      save: "Save settings",
    },
    audit: {
      metaTitle: "Audit log",
      title: "Audit log",
      intro: (shown: number) =>
        `Append-only: the database refuses to change or delete entries. Settings, integrations, key rotations, purges, exports and exclusions are recorded — exclusions without saying who. The latest ${int(shown)} entries, newest first.`,
      when: "When",
      who: "Who",
      what: "What",
      details: "Details",
      empty: "Nothing recorded yet.",
      /** Known actions in words; an action not listed here is shown by its code. */
      actions: {
        "settings.changed": "Setting changed",
        "user.role_changed": "Role changed",
        "exclusion.added": "Someone excluded themselves",
        "exclusion.removed": "Someone included themselves again",
        "integration.created": "Integration added",
        "key.rotated": "Pseudonym key rotated",
        "retention.purged": "Old bookings purged",
        "rooms.imported": "Room directory imported",
        "rooms.synced": "Room directory synchronised",
      },
      /** Fixed actors in words; "user:12" and any other actor are shown as recorded. */
      actors: {
        member: "a member (not named)",
        system: "Roomlens (automatic)",
        cli: "command line",
        demo: "demo data loader",
      },
    },
  },
};

export type Dictionary = typeof en;
