import { lazy, Suspense, type ComponentType } from 'react';
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

function PageSpin() {
  const { t } = useTranslation();
  return (
    <div aria-busy="true" style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
      <Spin description={t('common.loading')} />
    </div>
  );
}

/**
 * A page loaded on first visit of its route (its own chunk, issue 11 defect 13), shown
 * with a spinner meanwhile. `load` imports the page's module; `name` is its export.
 */
export function lazyPage<M extends Record<string, unknown>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): ComponentType {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  function LazyPage() {
    return (
      <Suspense fallback={<PageSpin />}>
        <Page />
      </Suspense>
    );
  }
  LazyPage.displayName = `Lazy(${name})`;
  return LazyPage;
}
