import { Dialog } from './Dialog';

/** The warning before signing out with changes still queued (they would be lost). */
export default function SignOutConfirm(props: { queued: number; busy: boolean; onCancel: () => void; onConfirm: () => void }) {
  return (
    <Dialog open onClose={props.onCancel} title="Sign out and lose unsent changes?">
      <p>
        {props.queued === 1 ? '1 change has' : `${props.queued} changes have`} not reached the server yet. Signing out deletes them and
        all your data from this device.
      </p>
      <div class="mt-5 flex flex-wrap justify-end gap-2">
        <button type="button" class="btn-secondary" autofocus onClick={() => props.onCancel()}>
          Keep me signed in
        </button>
        <button type="button" class="btn-danger" disabled={props.busy} onClick={() => props.onConfirm()}>
          Sign out anyway
        </button>
      </div>
    </Dialog>
  );
}
