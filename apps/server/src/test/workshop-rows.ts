import { openTestDatabase, type TestDialect } from '@accord/db/test-databases';

/**
 * A migrated test database of one dialect holding two bare workshops, `w1` and `w2`: what the repository
 * suites need before they store rows that belong to a workshop.
 */
export async function openWithTwoWorkshops(dialect: TestDialect): ReturnType<typeof openTestDatabase> {
  const database = await openTestDatabase(dialect);
  await database.db
    .insertInto('workshops')
    .values([
      { id: 'w1', title: 'One' },
      { id: 'w2', title: 'Two' },
    ])
    .execute();
  return database;
}
