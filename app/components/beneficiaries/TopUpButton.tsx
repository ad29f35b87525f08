import { useNavigate } from '@solidjs/router';
import { t } from '../../i18n';

export function TopUpButton(props: { id: string; nickname: string; class?: string }) {
  const navigate = useNavigate();
  return (
    <button type="button" class={props.class ?? 'btn-primary shrink-0 px-4'} onClick={() => navigate(`/topup/${props.id}`)}>
      {t('ben.topUp')}
      <span class="sr-only"> {props.nickname}</span>
    </button>
  );
}
