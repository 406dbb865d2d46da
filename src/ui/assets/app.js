// The page shell: header with the domain picker and navigation, and the hash router.
import { h, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { read } from './api.js';
import { parseRoute, routeHref } from './format.js';
import { ExecutionsPage } from './executions-page.js';
import { ExecutionPage } from './execution-page.js';
import { DomainPage } from './domain-page.js';

const html = htm.bind(h);

function useRoute() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return parseRoute(hash);
}

function Header({ config = { domains: [], target: '' }, domain, page }) {
  const onDomain = (event) => {
    location.hash = routeHref(event.currentTarget.value, page === 'domain' ? 'domain' : 'executions');
  };
  const domains = config.domains.includes(domain) ? config.domains : [domain, ...config.domains];
  return html`<header class="top">
    <a class="brand" href=${routeHref(domain, 'executions')}>flowy</a>
    <nav aria-label="Pages">
      <a
        href=${routeHref(domain, 'executions')}
        aria-current=${page === 'executions' || page === 'run' ? 'page' : undefined}
        >Executions</a
      >
      <a href=${routeHref(domain, 'domain')} aria-current=${page === 'domain' ? 'page' : undefined}>Domain</a>
    </nav>
    <label class="domain-pick" title=${config.domainsProblem ?? ''}
      >Domain
      <select value=${domain} onChange=${onDomain}>
        ${domains.map((d) => html`<option value=${d}>${d}</option>`)}
      </select>
    </label>
    <span class="target" title="Where this UI reads from"
      >${config.target}${config.isReadOnly ? ' · read-only' : ''}</span
    >
  </header>`;
}

function App() {
  const route = useRoute();
  const [config, setConfig] = useState(undefined);
  const [error, setError] = useState(undefined);
  useEffect(() => {
    read('config').then(setConfig, (e) => setError(e.message));
  }, []);
  if (error) return html`<p class="error" role="alert">${error}</p>`;
  // a page named in the URL loads beside the config instead of after it
  if (!config && !route.domain) return html`<p class="loading">Loading…</p>`;
  const domain = route.domain || config.domain;
  let page;
  if (route.page === 'run' && route.parts[0]) {
    page = html`<${ExecutionPage}
      key=${route.parts.join('/')}
      domain=${domain}
      workflowId=${route.parts[0]}
      runId=${route.parts[1]}
      config=${config}
    />`;
  } else if (route.page === 'domain') {
    page = config && html`<${DomainPage} key=${domain} domain=${domain} config=${config} />`;
  } else if (config) {
    page = html`<${ExecutionsPage} key=${domain} domain=${domain} query=${route.query} config=${config} />`;
  }
  return html`<${Header} config=${config} domain=${domain} page=${route.page} />
    <main>${page}</main>`;
}

const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
