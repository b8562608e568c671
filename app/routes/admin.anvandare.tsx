import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { roles } from "../../db/constants";
import { requirePermission } from "../auth/session.server";
import { can } from "../auth/permissions";
import { listUsers, changeRole, getUserById } from "../domain/accounts/accounts.server";
import { pageTitle } from "../ui/meta";
import { notFound } from "../http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "admin.usersTitle" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, context, "admin.users");
  return { users: await listUsers(context.database.db), selfId: admin.id, roles };
}

const changeRoleSchema = z.object({ userId: z.string().min(1).max(64), role: z.enum(roles) });

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, context, "admin.users");
  const parsed = changeRoleSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ ok: false as const, message: "validation.invalid" }, { status: 400 });
  const target = await getUserById(context.database.db, parsed.data.userId);
  if (!target) throw notFound(request, "errors.userNotFound");
  if (!can(admin, "admin.changeRole", { ownerId: target.id })) {
    return data({ ok: false as const, message: "admin.cannotChangeOwn" }, { status: 403 });
  }
  await changeRole(context.database.db, admin.id, target.id, parsed.data.role);
  // Open sockets follow at once: a former moderator stops hearing the moderators' room on every process.
  await context.live.refreshUser(target.id);
  return { ok: true as const, name: target.displayName, role: parsed.data.role };
}

export default function AdminUsers() {
  const { t } = useTranslation();
  const { users, selfId, roles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>{t("admin.usersTitle")}</h1>
      {result?.ok ? (
        <p className="notice" role="status">
          {t("admin.roleChanged", { name: result.name, role: t(`role.${result.role}`) })}
        </p>
      ) : result ? (
        <p className="form-error" role="alert">
          {t(result.message)}
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="data">
          <caption className="visually-hidden">{t("admin.usersTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.email")}</th>
              <th scope="col">{t("admin.role")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.displayName}</td>
                <td>{u.email}</td>
                <td>
                  {u.id === selfId ? (
                    t(`role.${u.role}`)
                  ) : (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="userId" value={u.id} />
                      <label htmlFor={`role-${u.id}`} className="visually-hidden">
                        {t("admin.role")} – {u.displayName}
                      </label>
                      <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                        {roles.map((r) => (
                          <option key={r} value={r}>
                            {t(`role.${r}`)}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="secondary">
                        {t("admin.change")}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
