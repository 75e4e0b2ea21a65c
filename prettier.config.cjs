// prettier for the add-ons' XML (views, data, reports), JavaScript and SCSS; run by the
// "prettier" hook of .pre-commit-config.yaml, which pins prettier and its XML plugin.
// The options follow OCA's template for 18.0, so that an OCA maintainer's editor agrees.
/** @type {import('prettier').Config} */
module.exports = {
    plugins: [require.resolve("@prettier/plugin-xml")],
    printWidth: 88,
    tabWidth: 4,
    bracketSpacing: false,
    semi: true,
    trailingComma: "es5",
    proseWrap: "always",
    // Whitespace in QWeb templates and view arch can be meaningful: keep it as written.
    xmlWhitespaceSensitivity: "preserve",
};
