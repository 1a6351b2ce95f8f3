/** Where the relay serves public knowledge-base articles to customers: `${HELP_ARTICLES_PATH}/<article id>`. */
export const HELP_ARTICLES_PATH = '/help/articles';
