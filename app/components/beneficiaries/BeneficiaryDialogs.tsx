import { createEffect, createSignal, on, untrack } from 'solid-js';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { checkNickname } from '../../../worker/domain/nickname';
import type { ViewBeneficiary } from '../../offline/model';
import { actions } from '../../state/actions';
import { nicknameProblem } from '../../lib/input';
import { t } from '../../i18n';

export function RenameDialog(props: { beneficiary: ViewBeneficiary | null; onClose: () => void }) {
  const [nickname, setNickname] = createSignal('');
  const [touched, setTouched] = createSignal(false);
  // Start from the current name each time the dialog opens for someone.
  createEffect(
    on(
      () => props.beneficiary?.id,
      () => {
        setNickname(untrack(() => props.beneficiary?.nickname) ?? '');
        setTouched(false);
      },
    ),
  );
  const check = () => checkNickname(nickname());
  const error = () => {
    const c = check();
    return touched() && !c.ok ? nicknameProblem(nickname()) : null;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setTouched(true);
    const b = props.beneficiary;
    const c = check();
    if (!b || !c.ok) return;
    if (c.value !== b.nickname) await actions.renameBeneficiary(b.id, c.value);
    props.onClose();
  };

  return (
    <Dialog open={!!props.beneficiary} onClose={props.onClose} title={t('rename.title', { name: props.beneficiary?.nickname ?? '' })}>
      <form onSubmit={submit} noValidate class="space-y-4">
        <Field label={t('add.nickname')} dir="auto" value={nickname()} onInput={(v) => (setNickname(v), setTouched(true))} error={error()} autofocus required />
        <div class="flex flex-wrap justify-end gap-2">
          <button type="button" class="btn-secondary" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn-primary">
            {t('rename.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function DeleteDialog(props: { beneficiary: ViewBeneficiary | null; onClose: () => void; onDeleted: (nickname: string) => void }) {
  const confirm = async () => {
    const b = props.beneficiary;
    if (!b) return;
    await actions.deleteBeneficiary(b.id);
    props.onClose();
    props.onDeleted(b.nickname);
  };
  return (
    <Dialog open={!!props.beneficiary} onClose={props.onClose} title={t('delete.title', { name: props.beneficiary?.nickname ?? '' })}>
      <p>{t('delete.body')}</p>
      <div class="mt-5 flex flex-wrap justify-end gap-2">
        <button type="button" class="btn-secondary" autofocus onClick={() => props.onClose()}>
          {t('common.cancel')}
        </button>
        <button type="button" class="btn-danger" onClick={() => void confirm()}>
          {t('delete.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
