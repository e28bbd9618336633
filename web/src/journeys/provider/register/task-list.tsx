import { Link } from 'react-router';
import { BackLink, ButtonLink } from '../../../components/govuk.tsx';
import { PageTitle } from '../../../components/layout.tsx';
import { taskIssues, tasks, useRegistrationDraft } from './draft.ts';

/** Registering as a provider: four short tasks, then check the answers and send them. */
export function RegisterProviderPage() {
  const { draft } = useRegistrationDraft();
  const statusOf = (id: (typeof tasks)[number]['id']) =>
    draft.done.includes(id) && taskIssues(draft, id).length === 0 ? 'Completed' : undefined;
  const completed = tasks.filter((task) => statusOf(task.id)).length;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Register as a provider" />
        <BackLink to="/provider">My services</BackLink>
        <h1 className="govuk-heading-xl">Register as a provider</h1>
        <p className="govuk-body">
          People can find you as soon as you register. The council checks your evidence before you can be paid
          from a personal budget.
        </p>
        <p className="govuk-body" data-testid="tasks-done">
          You have completed {completed} of {tasks.length} sections.
        </p>
        <ul className="govuk-task-list">
          {tasks.map((task) => {
            const status = statusOf(task.id);
            return (
              <li key={task.id} className="govuk-task-list__item govuk-task-list__item--with-link">
                <div className="govuk-task-list__name-and-hint">
                  <Link
                    className="govuk-link govuk-task-list__link"
                    to={`/provider/register/${task.id}`}
                    aria-describedby={`task-${task.id}-status`}
                  >
                    {task.title}
                  </Link>
                </div>
                <div className="govuk-task-list__status" id={`task-${task.id}-status`}>
                  {status ?? <strong className="govuk-tag govuk-tag--blue">Incomplete</strong>}
                </div>
              </li>
            );
          })}
        </ul>
        {completed === tasks.length ? (
          <ButtonLink to="/provider/register/check">Check your answers</ButtonLink>
        ) : (
          <p className="govuk-body">Complete every section, then check your answers and register.</p>
        )}
      </div>
    </div>
  );
}
