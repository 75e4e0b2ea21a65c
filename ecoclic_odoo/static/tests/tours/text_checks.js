/** @odoo-module **/
// The text a person reads, checked on each screen of the persona tours (issue 16):
// no English left in French screens, no technical name, no name cut off.
//
// `textCheck(screen, {ready, whole})` is a tour step: once `ready` is shown, it reads the
// visible text of the action manager and of the open dialogs, and the elements of `whole`
// (the names and column headers the persona must read whole), and fails with the list of
// offenders. It logs what it examined and fails when it examined nothing, so that it cannot
// pass on an empty screen. `makeCheck(KNOWN_ISSUES)` gives the tours' usual
// check(screen, ready, whole) (breadcrumbs always read whole), `noError` the step that
// no error dialog is shown, and `knownIssuesAllMet(KNOWN_ISSUES)` the closing step that
// fails on a stale known issue.
import {browser} from "@web/core/browser/browser";

// Set to true on your machine (never committed) to list every offender of a whole walk in
// one run, as ECOCLIC_TEXT_NEW lines, instead of stopping at the first screen: the way to
// fill KNOWN_ISSUES.
const COLLECT_ONLY = false;

// English user-interface words and phrases of our add-ons that must not be left in a French
// screen. Taken by hand from the English msgids of ecoclic_odoo/i18n/fr.po and
// ecoclic_odoo_opsn/i18n/fr.po whose French differs, keeping the ones a person meets on the
// walked screens and that cannot be French words: not "Score", "Action", "Type", "Minutes",
// "Active", "Supervision", "Export", "Abandon", "Date", "Version", "Note", "Performance"
// (the same, or a French word too). Matched case-sensitively on word boundaries, so
// "Target" does not match "Targeted..." and "Late" does not match "Latéral".
export const ENGLISH_WORDS = [
    // Single words.
    "Assessment",
    "Assessments",
    "Dashboard",
    "Fleet",
    "Recommendation",
    "Recommendations",
    "Overdue",
    "Target",
    "Targets",
    "Maturity",
    "Collectivity",
    "Collectivities",
    "Follow-up",
    "Follow-ups",
    "Portfolio",
    "Submitted",
    "Draft",
    "Planned",
    "Abandoned",
    "Completed",
    "Done",
    "Owner",
    "Progress",
    "Priority",
    "Level",
    "Gap",
    "Grade",
    "Peers",
    "Why",
    "Resources",
    "Purchase",
    "Purchases",
    "Purchasing",
    "Vendor",
    "Refurbished",
    "Reused",
    "Laptop",
    "Tablet",
    "Deadline",
    "Late",
    "Reviews",
    "Summary",
    "Campaign",
    "Campaigns",
    "Submit",
    "Status",
    "Yes",
    "Figures",
    "Manager",
    "Axis",
    // Phrases.
    "Action plan",
    "Plan line",
    "Plan review",
    "Gap to target",
    "Overall score",
    "Provisional score",
    "Latest assessment",
    "Latest score",
    "Latest grade",
    "Target score",
    "Target date",
    "Maturity level",
    "Add to the plan",
    "Get started",
    "Mark as done",
    "Answer the questionnaire",
    "Continue the assessment",
    "Start the assessment",
    "See the recommended actions",
    "Overdue actions",
    "How to do it",
    "Success indicators",
    "Our notes",
    "In the plan",
    "In progress",
    "To plan",
    "To define",
    "Print the report",
    "Send reminders",
    "Next follow-up",
    "Account manager",
    "Population band",
    "Maturity assessment",
    "Assessment campaign",
    "Refurbished alternative",
    "Comparison with peers",
    "Scores per axis",
    "Catalogue of actions",
    "My actions",
    "My collectivities",
    "Supervised collectivities",
    "Portfolio radar",
    "Unit price",
    "Legal minimum",
    "Number of agents",
    "update the action or its due date",
    "created",
];

// Technical names a person must never read.
export const TECHNICAL_PATTERNS = [
    [/\becoclic\.[a-z_.]+/g, "model name"],
    [/\bres\.(?:company|partner|users)\b/g, "model name"],
    [/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*_ids?\b/g, "field name"],
    // "ecoclic.recommendation,686", "ecoclic.recommendation, 686", "model,42" (French
    // puts a space after a comma, and "2,8" has no letter before it).
    [/\b[a-z_]+(?:\.[a-z_]+)+,\s?\d+\b/g, "record reference"],
    [/\b[a-z_]+,\d+\b/g, "record reference"],
    [/\bFalse\b/g, "False"],
    [/\bNone\b/g, "None"],
    [/\bundefined\b/g, "undefined"],
    [/\bNaN\b/g, "NaN"],
    [/\bnull\b/g, "null"],
];

function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const ENGLISH_RES = ENGLISH_WORDS.map((word) => [
    word,
    new RegExp(`(?<![\\p{L}\\p{N}_-])${escapeRegExp(word)}(?![\\p{L}\\p{N}_-])`, "gu"),
]);

function isVisible(el) {
    return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
}

function chatterLoading() {
    return [...document.querySelectorAll(".o_action_manager .o-mail-Chatter")].some(
        (chatter) => isVisible(chatter) && !chatter.querySelector(".o-mail-Message")
    );
}

function readableRoots() {
    return [...document.querySelectorAll(".o_action_manager, .modal .modal-content")].filter(
        isVisible
    );
}

// The text shown to a person: innerText leaves out what is hidden; the values typed in
// inputs and the placeholders are read too.
function visibleText(root) {
    const parts = [root.innerText];
    for (const input of root.querySelectorAll("input, textarea")) {
        if (!isVisible(input) || input.type === "hidden" || input.type === "checkbox") {
            continue;
        }
        parts.push(input.value, input.getAttribute("placeholder") || "");
    }
    return parts.join("\n");
}

function lineAround(text, index) {
    const start = text.lastIndexOf("\n", index) + 1;
    let end = text.indexOf("\n", index);
    end = end === -1 ? text.length : end;
    return text.slice(start, end).trim().slice(0, 120);
}

// Elements cut with an ellipsis: the element itself or a descendant whose text overflows.
function cutElements(el) {
    const cut = [];
    for (const node of [el, ...el.querySelectorAll("*")]) {
        if (!isVisible(node) || !node.textContent.trim()) {
            continue;
        }
        const style = getComputedStyle(node);
        if (style.textOverflow === "ellipsis" && node.scrollWidth > node.clientWidth + 1) {
            cut.push(node);
        }
    }
    return cut;
}

export function findOffenders({whole = []} = {}) {
    const offenders = [];
    const roots = readableRoots();
    let characters = 0;
    for (const root of roots) {
        const text = visibleText(root);
        characters += text.length;
        for (const [word, re] of ENGLISH_RES) {
            for (const match of text.matchAll(re)) {
                offenders.push({
                    kind: "english",
                    text: word,
                    where: lineAround(text, match.index),
                });
            }
        }
        for (const [re, label] of TECHNICAL_PATTERNS) {
            for (const match of text.matchAll(re)) {
                offenders.push({
                    kind: "technical",
                    text: match[0],
                    where: `${label}: ${lineAround(text, match.index)}`,
                });
            }
        }
    }
    let examined = 0;
    for (const selector of whole) {
        for (const el of document.querySelectorAll(selector)) {
            if (!isVisible(el)) {
                continue;
            }
            examined++;
            for (const node of cutElements(el)) {
                const shown = node.textContent.trim().replace(/\s+/g, " ");
                offenders.push({
                    kind: "cut",
                    text: shown,
                    where: `${selector} (${node.clientWidth}px shown of ${node.scrollWidth}px)`,
                });
            }
        }
    }
    // One offender per kind and text: a word repeated on every row is one problem.
    const seen = new Set();
    const unique = offenders.filter((o) => {
        const key = `${o.kind}\u0000${o.text}`;
        return seen.has(key) ? false : seen.add(key);
    });
    return {offenders: unique, roots: roots.length, characters, examined};
}

// KNOWN_ISSUES: problems of the product found by the checks and left to be fixed; the
// check logs them as ECOCLIC_TEXT_KNOWN, without failing. Each one is
// {screen, kind, text, reason} with `text` the offending text (a string, or a RegExp for
// a text holding today's date), or {screen, kind: "cut", in, reason} for every name cut in
// the elements of the `whole` selector `in` (a column too narrow for all its names).
// `screen` "*" means any screen.
function knownMatch(k, screen, offender) {
    if ((k.screen !== "*" && k.screen !== screen) || k.kind !== offender.kind) {
        return false;
    }
    if (k.in !== undefined) {
        return offender.where.startsWith(`${k.in} (`);
    }
    return k.text instanceof RegExp ? k.text.test(offender.text) : k.text === offender.text;
}

// The entries of each KNOWN_ISSUES list met during the walk, and the screens checked: an
// entry of a checked screen never met is stale (the problem was fixed, or the screen
// changed) and fails `knownIssuesAllMet`, so the list cannot rot.
const metKnownIssues = new WeakSet();
const checkedScreens = new Set();

function isKnown(knownIssues, screen, offender) {
    const entry = knownIssues.find((k) => knownMatch(k, screen, offender));
    if (entry) {
        metKnownIssues.add(entry);
    }
    return Boolean(entry);
}

/**
 * The closing step of a walk: every entry of `knownIssues` whose screen the walk checked
 * (a list may be shared by several tours, each walking some of its screens) must have
 * been met, else it is stale and must be taken out of the list.
 *
 * @param {Object[]} knownIssues the tour's KNOWN_ISSUES
 */
export function knownIssuesAllMet(knownIssues) {
    return {
        content: "Every known issue of the screens walked was met (none is stale)",
        trigger: ".o_action_manager",
        run() {
            const stale = knownIssues.filter(
                (k) =>
                    (k.screen === "*" ? checkedScreens.size : checkedScreens.has(k.screen)) &&
                    !metKnownIssues.has(k)
            );
            if (stale.length) {
                const lines = stale.map(
                    (k) => `  ${k.screen} [${k.kind}] «${k.in || k.text}»: ${k.reason}`
                );
                throw new Error(
                    `${stale.length} known issue(s) no longer found: take them out of ` +
                        `KNOWN_ISSUES:\n${lines.join("\n")}`
                );
            }
        },
    };
}

export const BREADCRUMB = ".o_control_panel .o_breadcrumb";

// No error dialog, no failed request: a step of every walk.
export const noError = {
    content: "No error dialog, no failed request",
    trigger: "body:not(:has(.o_error_dialog, .o_notification.border-danger))",
};

/**
 * `textCheck` with the breadcrumbs always read whole: the tours' usual way.
 *
 * @param {Object[]} knownIssues the tour's KNOWN_ISSUES
 * @returns {Function} check(screen, ready, whole)
 */
export function makeCheck(knownIssues) {
    return (screen, ready, whole) =>
        textCheck(screen, {ready, whole: [BREADCRUMB, ...whole], knownIssues});
}

/**
 * The tour steps checking the text of the screen once `ready` is shown (the check itself
 * runs on the action manager: `ready` may be a disabled element, as a statusbar's).
 *
 * @param {string} screen what the persona looks at, for the messages and KNOWN_ISSUES
 * @param {Object} options
 * @param {string} options.ready trigger: the screen is loaded
 * @param {string[]} options.whole selectors of the names and headers that must be whole
 * @param {Object[]} [options.knownIssues] the tour's KNOWN_ISSUES
 */
export function textCheck(screen, {ready, whole, knownIssues = []}) {
    if (!whole || !whole.length) {
        throw new Error(`textCheck(${screen}): say which names must be whole`);
    }
    return [
        {
            content: `Screen shown: ${screen}`,
            trigger: ready,
        },
        {
            content: `Text check: ${screen}`,
            // "body …": the tour then runs it under an open dialog too (it reads both).
            trigger: "body .o_action_manager",
            async run() {
                // Let the last renders (charts, lazy fields) settle, and the chatter load
                // its messages (every record has at least its creation's): they are read.
                await new Promise((resolve) => browser.setTimeout(resolve, 300));
                for (let i = 0; i < 50 && chatterLoading(); i++) {
                    await new Promise((resolve) => browser.setTimeout(resolve, 100));
                }
                const {offenders, roots, characters, examined} = findOffenders({whole});
                checkedScreens.add(screen);
                const known = offenders.filter((o) => isKnown(knownIssues, screen, o));
                const unknown = offenders.filter((o) => !isKnown(knownIssues, screen, o));
                console.log(
                    `ECOCLIC_TEXT_CHECK ${screen}: ${roots} area(s), ${characters} characters read, ` +
                        `${examined} name/header element(s) examined for cuts, ` +
                        `${known.length} known issue(s), ${unknown.length} new offender(s)`
                );
                for (const o of known) {
                    console.log(
                        `ECOCLIC_TEXT_KNOWN ${screen} [${o.kind}] «${o.text}» in: ${o.where}`
                    );
                }
                if (!roots || characters < 20) {
                    throw new Error(`Text check ${screen}: no text to read (${roots} area(s))`);
                }
                if (!examined) {
                    throw new Error(
                        `Text check ${screen}: none of the elements to read whole was found ` +
                            `(${whole.join(" | ")})`
                    );
                }
                if (unknown.length && COLLECT_ONLY) {
                    for (const o of unknown) {
                        console.log(
                            `ECOCLIC_TEXT_NEW ${screen} [${o.kind}] «${o.text}» in: ${o.where}`
                        );
                    }
                    return;
                }
                if (unknown.length) {
                    const lines = unknown.map((o) => `  [${o.kind}] «${o.text}» in: ${o.where}`);
                    throw new Error(
                        `Text check ${screen}: ${unknown.length} problem(s) a person would read:\n` +
                            lines.join("\n")
                    );
                }
            },
        },
    ];
}
