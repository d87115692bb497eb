// Calendar arithmetic for §17(2) (business time) and §23–§24 (deadlines in working days).
export { calendarHasYear, dayKind, isBusinessDay, weekday, DAY_KIND_LABELS, type DayKind } from './day-kind';
export { addCalendarDays, addWorkingDays, workingDaysBetween } from './working-days';
export { firstBusinessMoment, isBusinessTime, yearsWithoutCalendar, type BusinessTimeHit } from './business-time';
