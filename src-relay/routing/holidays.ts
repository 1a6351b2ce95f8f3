import Holidays from 'date-holidays';

/** Public holidays of a market ("BR", "US-CA") by local date, read once per market and year. */
export class HolidayCalendars {
  private readonly byMarketYear = new Map<string, ReadonlySet<string>>();

  /** Whether `localDate` ("2026-09-07") is a public holiday in any of these markets. */
  isHoliday(markets: readonly string[], localDate: string): boolean {
    const year = Number(localDate.slice(0, 4));
    return markets.some((market) => this.datesOf(market, year).has(localDate));
  }

  private datesOf(market: string, year: number): ReadonlySet<string> {
    const key = `${market}|${year}`;
    let dates = this.byMarketYear.get(key);
    if (!dates) {
      const [country = '', state] = market.split('-');
      const holidays = state ? new Holidays(country, state) : new Holidays(country);
      const found = holidays.getHolidays(year) || [];
      dates = new Set(found.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
      this.byMarketYear.set(key, dates);
    }
    return dates;
  }
}
