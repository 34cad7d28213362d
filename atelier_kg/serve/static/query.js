// The query page of atelier-kg: YASGUI set up for this server only, the query library as examples,
// and a line saying when the server cut the results (X-SPARQL-Truncated).
//
// YASGUI's defaults call outside services: DBpedia (the default endpoint, and the endpoint
// catalogue with Wikidata), Linked Open Vocabularies (class and property completion) and, when
// configured, prefix.cc. Here the endpoint is this server's /sparql, the catalogue lists it alone,
// and completion offers, from the page's own data, the graph's prefixes and the classes and
// properties of the ontology instead of asking LOV. The server's Content-Security-Policy backs
// this up: the page may connect to its own server only.
(function () {
  "use strict";

  const config = JSON.parse(document.getElementById("atelier-kg-config").textContent);
  const endpoint = new URL(config.endpoint, document.baseURI).href;
  const Yasqe = Yasgui.Yasqe;

  // Completion from local data only. A completer whose `get` is a list completes from it (the
  // IRIs starting with what is typed, prefixed names expanded); the class and property completers
  // otherwise ask LOV at every key stroke.
  const prefixLines = Object.keys(config.prefixes)
    .sort()
    .map((name) => name + ": <" + config.prefixes[name] + ">");
  const completers = Yasqe.Autocompleters;
  completers.prefixes = { ...completers.prefixes, get: () => Promise.resolve(prefixLines) };
  completers.class = { ...completers.class, get: config.classes };
  completers.property = { ...completers.property, get: config.properties };
  Yasqe.defaults.prefixCcApi = null;

  const declarations = Object.keys(config.prefixes)
    .map((name) => "PREFIX " + name + ": <" + config.prefixes[name] + ">")
    .join("\n");
  const starter = declarations + "\n\nSELECT * WHERE {\n  ?subject ?predicate ?object .\n}\nLIMIT 10\n";

  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    persistenceId: config.persistenceId,
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    // a shared link may carry a query, never another endpoint
    populateFromUrl: (fromUrl) => {
      fromUrl.requestConfig.endpoint = endpoint;
      return fromUrl;
    },
    yasqe: { value: starter, prefixCcApi: null },
    yasr: { prefixes: config.prefixes },
  });

  // A tab restored from an earlier visit keeps its settings: bring it back to this endpoint.
  for (const id of Object.keys(yasgui._tabs)) {
    const tab = yasgui.getTab(id);
    if (tab && tab.getEndpoint() !== endpoint) tab.setEndpoint(endpoint);
  }

  // The examples: a click loads the query into the editor of the tab in view.
  document.querySelectorAll("#examples button[data-example]").forEach((button) => {
    button.addEventListener("click", () => {
      const example = config.examples[Number(button.dataset.example)];
      const tab = yasgui.getTab() || yasgui.addTab(true);
      tab.setName(example.title);
      tab.setQuery(example.text);
    });
  });

  // Links to the graph's own resources open their page on this server (/id/X, as the resource
  // pages link), not the w3id.org IRI, which a local or private server's data may not be behind.
  const local = new URL("id/", endpoint.replace(/sparql$/, "")).href;
  const localise = (root) => {
    root.querySelectorAll('a[href^="' + config.resources + '"]').forEach((link) => {
      link.href = local + link.getAttribute("href").slice(config.resources.length);
    });
  };
  new MutationObserver(() => localise(document.getElementById("yasgui"))).observe(
    document.getElementById("yasgui"),
    { childList: true, subtree: true }
  );

  // The truncation line: the answers of /sparql say X-SPARQL-Truncated: N when cut at N rows.
  const notice = document.getElementById("truncated");
  const cut = {};
  const show = (tabId) => {
    const rows = cut[tabId];
    notice.hidden = !rows;
    notice.textContent = rows
      ? "The results were cut at " + rows + " rows (the server's --max-rows limit): not every answer is shown."
      : "";
  };
  const serverFetch = window.fetch.bind(window);
  window.fetch = async function (resource, options) {
    const response = await serverFetch(resource, options);
    const url = new URL(resource instanceof Request ? resource.url : String(resource), document.baseURI);
    if (url.origin + url.pathname === endpoint) {
      const tab = yasgui.getTab();
      if (tab) {
        cut[tab.getId()] = response.headers.get("X-SPARQL-Truncated");
        show(tab.getId());
      }
    }
    return response;
  };
  yasgui.on("tabSelect", (_instance, tabId) => show(tabId));
  yasgui.on("query", (_instance, tab) => {
    cut[tab.getId()] = null;
    show(tab.getId());
  });
})();
