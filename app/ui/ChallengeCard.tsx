import { Link } from "@remix-run/react";
import { GoalTags, StatusBadge } from "./Tags";

export interface ChallengeSummary {
  slug: string;
  title: string;
  summary: string;
  status: string;
  sdgGoals: number[];
}

export function ChallengeCard({ challenge, headingLevel = 3 }: { challenge: ChallengeSummary; headingLevel?: 2 | 3 | 4 }) {
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  return (
    <article className="card">
      <Heading>
        <Link to={`/utmaningar/${challenge.slug}`}>{challenge.title}</Link>
      </Heading>
      <p>
        <StatusBadge status={challenge.status} />
      </p>
      <p>{challenge.summary}</p>
      <GoalTags goals={challenge.sdgGoals} />
    </article>
  );
}
