// The aikg explorer: search, entity pages, neighbourhoods, a timeline and metric charts over
// the graph embedded in this page (aikg export --format html; docs/explorer.md).
//
// What must agree with the library was computed by it at export time: folded names in its
// search order, how characters fold, each statement's "holds" days (as of) and "known" day
// (known at), conflicts and layouts. This script compares numbers and draws. It never writes
// data into markup: text goes through textContent and attributes through setAttribute, so no
// name or claim can inject anything.
'use strict';
(() => {
  const DATA = JSON.parse(document.getElementById('aikg-data').textContent);
  const entities = DATA.entities, statements = DATA.statements, sources = DATA.sources;
  const predicates = DATA.predicates, types = DATA.types;
  const SVG = 'http://www.w3.org/2000/svg';
  const MODALITY_LETTER = { reported: 'R', claim: 'C', forecast: 'F', plan: 'P', opinion: 'O' };
  const BOUND_SYMBOL = { at_least: '≥', at_most: '≤', about: '≈' };
  const BOUND_WORDS = { at_least: 'at least', at_most: 'at most', about: 'about' };
  const SOURCE_KIND_WORDS = (kind) => kind.replace(/_/g, ' ');
  const TIMELINE_LIMIT = 400;

  // ---- Indexes ---------------------------------------------------------------------------------

  const entityById = new Map();
  entities.forEach((entity, index) => entityById.set(entity.id, index));
  const outgoing = entities.map(() => []);
  const incoming = entities.map(() => []);
  statements.forEach((statement, index) => {
    outgoing[statement.subject].push(index);
    if (statement.object !== undefined) incoming[statement.object].push(index);
  });

  // ---- Days --------------------------------------------------------------------------------------

  // Days since 1970-01-01 of a proleptic Gregorian date (the library's day numbers).
  function daysFromCivil(year, month, day) {
    const y = month <= 2 ? year - 1 : year;
    const era = Math.floor(y / 400);
    const yoe = y - era * 400;
    const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }
  function dayOf(iso) {
    const match = /^(-?\d{4,})-(\d{2})-(\d{2})$/.exec(iso || '');
    return match ? daysFromCivil(+match[1], +match[2], +match[3]) : null;
  }
  function isoOf(days) {
    const z = days + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }

  // ---- Time controls: View's valid_at and known_at, and the round's undated rule -----------------

  const time = { asOf: null, knownAt: null, includeUndated: false };

  function isVisible(statement) {
    if (time.knownAt !== null && !(statement.known !== undefined && statement.known <= time.knownAt)) return false;
    if (time.asOf !== null) {
      if (statement.holds) {
        const [first, last] = statement.holds;
        if (first !== null && first > time.asOf) return false;
        if (last !== null && last < time.asOf) return false;
      } else if (!(time.includeUndated && statement.known !== undefined && statement.known <= time.asOf)) {
        // Undated: kept only when asked, from when one of its sources may have been published.
        return false;
      }
    }
    return true;
  }

  // ---- Search: aikg::SearchNames (aikg/search.h) -------------------------------------------------

  const names = DATA.names.map(([name, named], rank) => ({ name, named, rank, points: Array.from(name) }));
  const foldTable = DATA.fold;
  const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
  const SPECIAL_FOLDS = { 'ß': 'ss', 'ẞ': 'ss', 'ς': 'σ', 'ſ': 's' };

  // A character the graph's names do not hold: Unicode's own compatibility decomposition, case
  // folding and mark removal, as utf8proc does for the library.
  function foldUnknown(character) {
    const lowered = character.normalize('NFKD').toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
    return Array.from(lowered, (c) => (hasOwn(SPECIAL_FOLDS, c) ? SPECIAL_FOLDS[c] : c)).join('');
  }

  // aikg::FoldForLookup: case, accents and width ignored, white space collapsed and trimmed.
  function fold(text) {
    let folded = '';
    if (/^[\x00-\x7f]*$/.test(text)) {
      folded = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
    } else {
      for (const character of text) {
        if (character < '\x80') folded += character >= 'A' && character <= 'Z' ? character.toLowerCase() : character;
        else if (/\s/u.test(character)) folded += ' ';
        else folded += hasOwn(foldTable, character) ? foldTable[character] : foldUnknown(character);
      }
      folded = folded.normalize('NFC');
    }
    return folded.replace(/[ \t\n\r\f\v]+/g, ' ').trim();
  }

  // Optimal-string-alignment distance of two code-point arrays, or limit + 1 once it must
  // exceed limit.
  function editDistance(a, b, limit) {
    const n = a.length, m = b.length;
    if (Math.abs(n - m) > limit) return limit + 1;
    let before = new Array(m + 1).fill(0);
    let previous = Array.from({ length: m + 1 }, (_, j) => j);
    let current = new Array(m + 1).fill(0);
    for (let i = 1; i <= n; i++) {
      current[0] = i;
      let rowMinimum = current[0];
      for (let j = 1; j <= m; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
        current[j] = value;
        rowMinimum = Math.min(rowMinimum, value);
      }
      if (rowMinimum > limit) return limit + 1;
      [before, previous, current] = [previous, current, before];
    }
    return previous[m];
  }

  const KIND_NAMES = ['exact', 'prefix', 'word_prefix', 'fuzzy'];

  // The best match per entity, best first: exact, prefix, word prefix, then fuzzy; ties by
  // score, then name (the library's byte order, which is the embedded order), then entity.
  function search(text, limit = 10, maxEditsOption = 2) {
    const query = fold(text);
    if (!query) return [];
    const queryPoints = Array.from(query);
    const best = new Map();
    const offer = (entry, kind, score) => {
      for (const entity of entry.named) {
        const found = best.get(entity);
        if (!found || kind < found.kind || (kind === found.kind && score > found.score)) {
          best.set(entity, { entity, entry, kind, score });
        }
      }
    };
    const lengthRatio = (entry) => queryPoints.length / entry.points.length;
    for (const entry of names) {
      if (!entry.name.startsWith(query)) continue;
      if (entry.name === query) offer(entry, 0, 1.0);
      else offer(entry, 1, 0.5 + 0.45 * lengthRatio(entry));
    }
    const maxEdits = Math.min(maxEditsOption, Math.floor(queryPoints.length / 4));
    for (const entry of names) {
      const name = entry.name;
      for (let space = name.indexOf(' '); space !== -1; space = name.indexOf(' ', space + 1)) {
        if (name.startsWith(query, space + 1)) {
          offer(entry, 2, 0.4 + 0.35 * lengthRatio(entry));
          break;
        }
      }
      if (maxEdits <= 0) continue;
      const distance = editDistance(queryPoints, entry.points, maxEdits);
      if (distance > 0 && distance <= maxEdits) {
        const length = Math.max(entry.points.length, queryPoints.length);
        offer(entry, 3, 0.7 * (1.0 - distance / length));
      }
    }
    const matches = Array.from(best.values());
    matches.sort((a, b) => a.kind - b.kind || b.score - a.score || a.entry.rank - b.entry.rank || a.entity - b.entity);
    return matches.slice(0, limit).map((match) => ({
      id: entities[match.entity].id, entity: match.entity, name: match.entry.name,
      kind: KIND_NAMES[match.kind], score: match.score,
    }));
  }

  // ---- Building elements (text only through textContent) -------------------------------------------

  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') element.className = value;
      else element.setAttribute(key, value === true ? '' : String(value));
    }
    append(element, children);
    return element;
  }
  function s(tag, attributes, ...children) {
    const element = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value !== undefined && value !== null) element.setAttribute(key, String(value));
    }
    append(element, children);
    return element;
  }
  function append(element, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  // A link target: the entity's id after '#', with only what would break a fragment escaped.
  const entityHash = (index) => '#' + entities[index].id.replace(/[%?#\s]/g, encodeURIComponent);
  const entityLink = (index) => h('a', { href: entityHash(index) }, entities[index].name);
  const badge = (kind, text, title) => h('span', { class: `badge ${kind}`, title }, text);
  const modalityBadge = (modality) => badge(modality, modality, `modality: ${modality}`);
  const predicateName = (statement) => predicates[statement.predicate].name;
  const words = (name) => name.replace(/_/g, ' ');
  const safeUrl = (url) => (/^https?:\/\//i.test(url || '') ? url : null);

  // ---- Values ----------------------------------------------------------------------------------

  function formatNumber(value) {
    const magnitude = Math.abs(value);
    const scales = [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']];
    for (const [scale, word] of scales) {
      if (magnitude >= scale) return `${trimNumber(value / scale)} ${word}`;
    }
    return trimNumber(value).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  }
  function trimNumber(value) {
    return String(Number(value.toPrecision(6)));
  }
  function quantityText(quantity) {
    const unit = quantity.unit === 'percent' ? '%' : quantity.unit;
    const bound = BOUND_SYMBOL[quantity.bound] ? `${BOUND_SYMBOL[quantity.bound]} ` : '';
    let text = `${bound}${formatNumber(quantity.amount)} ${unit}`;
    if (quantity.lower !== undefined || quantity.upper !== undefined) {
      const lower = quantity.lower !== undefined ? formatNumber(quantity.lower) : '…';
      const upper = quantity.upper !== undefined ? formatNumber(quantity.upper) : '…';
      text += ` (range ${lower} – ${upper})`;
    }
    return text;
  }
  function valueNodes(statement) {
    if (statement.object !== undefined) return [entityLink(statement.object)];
    const value = statement.value;
    if (value.amount !== undefined) {
      const bound = BOUND_WORDS[value.bound];
      return [quantityText(value), bound ? [' ', badge('bound', bound, 'bound')] : null];
    }
    if (value.text !== undefined) return [value.text, value.lang ? h('span', { class: 'muted' }, ` (${value.lang})`) : null];
    if (value.date !== undefined) return [value.date];
    if (value.boolean !== undefined) return [value.boolean ? 'yes' : 'no'];
    return [];
  }
  function valueText(statement) {
    if (statement.object !== undefined) return entities[statement.object].name;
    const value = statement.value;
    if (value.amount !== undefined) return quantityText(value);
    if (value.text !== undefined) return value.text;
    if (value.date !== undefined) return value.date;
    return value.boolean ? 'yes' : 'no';
  }

  // ---- Sources ---------------------------------------------------------------------------------

  // "Bloomberg", "the newsletter of 2025-09".
  function sourceLabel(source) {
    if (source.publisher) return source.publisher;
    return `the ${SOURCE_KIND_WORDS(source.kind)}${source.published ? ` of ${source.published}` : ''}`;
  }
  function sourceItem([index, locator]) {
    const source = sources[index];
    const parts = [];
    const url = safeUrl(source.url);
    const label = source.publisher || sourceLabel(source);
    parts.push(url ? h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, label) : label);
    if (source.publisher && source.published) parts.push(`, ${source.published}`);
    if (source.title) parts.push(`, “${source.title}”`);
    if (source.author && source.author !== source.publisher) parts.push(`, ${source.author}`);
    for (let via = source.via; via !== undefined; via = sources[via].via) {
      parts.push(`, relayed by ${sourceLabel(sources[via])}`);
    }
    if (locator) parts.push(h('span', { class: 'muted' }, ` — ${locator}`));
    return h('li', { title: source.id }, parts);
  }

  // ---- The header: search box and time controls ----------------------------------------------------

  const searchInput = document.getElementById('search');
  const resultsList = document.getElementById('results');
  let shownResults = [];
  let selected = -1;

  function showResults() {
    const text = searchInput.value;
    shownResults = text.trim() ? search(text, 12) : [];
    resultsList.replaceChildren();
    selected = shownResults.length ? 0 : -1;
    shownResults.forEach((match, i) => {
      const entity = entities[match.entity];
      const item = h('li', { role: 'option', id: `result-${i}`, 'data-id': entity.id, 'aria-selected': i === selected ? 'true' : 'false' },
        h('strong', null, entity.name), ' ', badge('type', types[entity.type]),
        match.name !== fold(entity.name) ? h('div', { class: 'matched' }, `matched “${match.name}” (${words(match.kind)})`) : null);
      item.addEventListener('mousedown', (event) => { event.preventDefault(); openResult(i); });
      resultsList.append(item);
    });
    if (text.trim() && !shownResults.length) resultsList.append(h('li', { class: 'muted' }, 'No entity has that name.'));
    resultsList.hidden = !text.trim();
    searchInput.setAttribute('aria-expanded', resultsList.hidden ? 'false' : 'true');
    searchInput.setAttribute('aria-activedescendant', selected >= 0 ? `result-${selected}` : '');
  }
  function moveSelection(step) {
    if (!shownResults.length) return;
    selected = (selected + step + shownResults.length) % shownResults.length;
    resultsList.querySelectorAll('li[role=option]').forEach((item, i) => {
      item.setAttribute('aria-selected', i === selected ? 'true' : 'false');
      if (i === selected) item.scrollIntoView({ block: 'nearest' });
    });
    searchInput.setAttribute('aria-activedescendant', `result-${selected}`);
  }
  function openResult(i) {
    if (i < 0 || i >= shownResults.length) return;
    closeResults();
    navigate(entityHash(shownResults[i].entity).slice(1));
    document.getElementById('main').focus();
  }
  function closeResults() {
    resultsList.hidden = true;
    searchInput.setAttribute('aria-expanded', 'false');
  }
  searchInput.addEventListener('input', showResults);
  searchInput.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') { moveSelection(1); event.preventDefault(); }
    else if (event.key === 'ArrowUp') { moveSelection(-1); event.preventDefault(); }
    else if (event.key === 'Enter') { openResult(selected); event.preventDefault(); }
    else if (event.key === 'Escape') { closeResults(); searchInput.blur(); }
  });
  searchInput.addEventListener('blur', () => setTimeout(closeResults, 150));

  const asOfInput = document.getElementById('as-of');
  const knownAtInput = document.getElementById('known-at');
  const undatedInput = document.getElementById('include-undated');
  for (const input of [asOfInput, knownAtInput, undatedInput]) {
    input.addEventListener('change', () => navigate(currentPath, currentParams));
  }

  document.addEventListener('keydown', (event) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName);
    if (event.ctrlKey || event.metaKey || event.altKey || typing) return;
    if (event.key === '/') { searchInput.focus(); searchInput.select(); event.preventDefault(); }
    else if (event.key === 't') navigate('timeline');
    else if (event.key === 'm') navigate('metrics');
    else if (event.key === 'h') navigate('');
  });

  // ---- Routing: #<entity id>, #timeline, #metrics, each with ?as-of=&known-at=&undated=1 ---------------

  let currentPath = '';
  let currentParams = new URLSearchParams();

  // Goes to `path`, carrying the time controls along so that a shared link shows the same.
  function navigate(path, params) {
    const query = new URLSearchParams(params || '');
    for (const key of ['as-of', 'known-at', 'undated']) query.delete(key);
    if (asOfInput.value) query.set('as-of', asOfInput.value);
    if (knownAtInput.value) query.set('known-at', knownAtInput.value);
    if (undatedInput.checked) query.set('undated', '1');
    const text = query.toString();
    const hash = '#' + path + (text ? '?' + text : '');
    if (location.hash === hash || (hash === '#' && !location.hash)) render();
    else location.hash = hash;
  }

  function readLocation() {
    const raw = location.hash.slice(1);
    const at = raw.indexOf('?');
    currentPath = decodeURIComponent(at === -1 ? raw : raw.slice(0, at));
    currentParams = new URLSearchParams(at === -1 ? '' : raw.slice(at + 1));
    asOfInput.value = currentParams.get('as-of') || '';
    knownAtInput.value = currentParams.get('known-at') || '';
    undatedInput.checked = currentParams.get('undated') === '1';
    time.asOf = dayOf(asOfInput.value);
    time.knownAt = dayOf(knownAtInput.value);
    time.includeUndated = undatedInput.checked;
  }

  function render() {
    readLocation();
    const main = document.getElementById('main');
    const status = [];
    if (time.asOf !== null) status.push(`as of ${asOfInput.value}${time.includeUndated ? ' (undated claims from when they were published)' : ' (undated claims hidden)'}`);
    if (time.knownAt !== null) status.push(`as known at ${knownAtInput.value}`);
    const shown = time.asOf === null && time.knownAt === null ? statements.length : statements.filter(isVisible).length;
    document.getElementById('time-status').textContent = status.length
      ? `Showing ${shown} of ${statements.length} claims: ${status.join(', ')}.` : '';
    let view = 'entity';
    if (currentPath === '') view = 'index';
    else if (currentPath === 'timeline') view = 'timeline';
    else if (currentPath === 'metrics') view = 'metrics';
    document.querySelectorAll('.views a').forEach((link) => {
      if (link.dataset.view === view) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    });
    let content;
    if (view === 'index') content = renderIndex();
    else if (view === 'timeline') content = renderTimeline();
    else if (view === 'metrics') content = renderMetrics();
    else content = entityById.has(currentPath) ? renderEntity(entityById.get(currentPath))
      : [h('h1', null, 'Not in this graph'), h('p', null, `No entity has the id “${currentPath}”. Try the search.`)];
    main.replaceChildren(...[content].flat());
    document.title = `${view === 'entity' && entityById.has(currentPath) ? entities[entityById.get(currentPath)].name + ' — ' : ''}${DATA.title}`;
  }

  // ---- Index ----------------------------------------------------------------------------------------

  function renderIndex() {
    const byType = new Map();
    entities.forEach((entity, index) => {
      if (!byType.has(entity.type)) byType.set(entity.type, []);
      byType.get(entity.type).push(index);
    });
    const content = [h('h1', null, DATA.title),
      h('p', { class: 'muted' }, `${entities.length} entities, ${statements.length} claims, ${sources.length} sources. ` +
        'Search a name above, or open an entity below.')];
    const PER_TYPE = 300;
    for (const [type, members] of [...byType.entries()].sort((a, b) => types[a[0]].localeCompare(types[b[0]]))) {
      members.sort((a, b) => entities[a].name.localeCompare(entities[b].name));
      content.push(h('h2', null, `${types[type]} (${members.length})`),
        h('ul', { class: 'entity-index' }, members.slice(0, PER_TYPE).map((e) => h('li', null, entityLink(e)))));
      if (members.length > PER_TYPE) content.push(h('p', { class: 'muted' }, `…and ${members.length - PER_TYPE} more: use the search.`));
    }
    return content;
  }

  // ---- Entity page ------------------------------------------------------------------------------------

  function claimItem(index, perspective) {
    const statement = statements[index];
    const conflict = statement.conflict !== undefined ? DATA.conflicts[statement.conflict] : null;
    const meta = [];
    meta.push(h('span', null, modalityBadge(statement.modality)));
    meta.push(h('span', null, statement.valid
      ? [h('time', { datetime: statement.valid_start || '' }, statement.valid), ` (${statement.valid_precision})`] : 'undated'));
    if (statement.period) meta.push(h('span', null, `period ${statement.period}`));
    if (statement.confidence !== undefined) meta.push(h('span', null, `confidence ${statement.confidence}`));
    if (conflict) {
      const others = conflict.statements.length - 1;
      const isCurrent = conflict.current === index;
      meta.push(h('span', null, badge('conflict', 'conflict', 'aikg::Conflicts: values that cannot both be true'),
        ` disagrees with ${others} other claim${others === 1 ? '' : 's'}`,
        conflict.current === undefined ? '' : isCurrent ? [' ', badge('current', 'most recent source')] : [' ', badge('bound', 'superseded')]));
    }
    const qualifiers = Object.entries(statement.qualifiers || {});
    const subjectSide = perspective === 'in' ? [entityLink(statement.subject), ' '] : [];
    return h('li', { class: `claim${conflict ? ' in-conflict' : ''}`, id: `claim-${statement.id}`, 'data-statement': statement.id },
      h('div', null, subjectSide, h('span', { class: 'value' }, perspective === 'in' ? [] : valueNodes(statement))),
      h('div', { class: 'meta' }, meta),
      qualifiers.length ? h('div', { class: 'qualifiers' }, qualifiers.map(([key, value]) => h('span', null, `${words(key)}: ${value}`))) : null,
      h('ul', { class: 'sources' }, statement.sources.map(sourceItem)));
  }

  function groupByPredicate(list) {
    const groups = new Map();
    for (const index of list) {
      const name = predicateName(statements[index]);
      if (!groups.has(name)) groups.set(name, []);
      groups.get(name).push(index);
    }
    return groups;
  }

  function renderEntity(index) {
    const entity = entities[index];
    const content = [];
    content.push(h('h1', null, entity.name, ' ', badge('type', types[entity.type])));
    content.push(h('div', { class: 'id' }, entity.id));
    if (entity.description) content.push(h('p', null, entity.description));
    const allNames = [h('li', null, h('strong', null, entity.name))].concat((entity.aliases || []).map((alias) =>
      h('li', { lang: alias.lang || null }, alias.name, alias.lang ? h('span', { class: 'muted' }, ` (${alias.lang})`) : null)));
    content.push(h('ul', { class: 'names', 'aria-label': 'Names and aliases' }, allNames));
    const attributes = Object.entries(entity.attributes || {});
    if (attributes.length) {
      content.push(h('p', { class: 'muted' }, attributes.map(([key, value], i) => [i ? ' · ' : '', `${words(key)}: ${value}`])));
    }
    const out = outgoing[index].filter((s) => isVisible(statements[s]));
    const inward = incoming[index].filter((s) => isVisible(statements[s]));
    const hidden = outgoing[index].length + incoming[index].length - out.length - inward.length;
    content.push(h('p', null, h('a', { href: '#timeline?' + new URLSearchParams({ entity: entity.id }).toString() }, 'On the timeline'),
      ' · ', h('a', { href: '#neighbourhood' , 'data-scroll': 'neighbourhood' }, 'Neighbourhood')));

    content.push(h('h2', null, 'Claims'));
    if (hidden) content.push(h('p', { class: 'hidden-note' }, `${hidden} claim${hidden === 1 ? ' is' : 's are'} hidden by the time controls.`));
    if (!out.length) content.push(h('p', { class: 'muted' }, 'No claims about this entity here.'));
    for (const [predicate, list] of groupByPredicate(out)) {
      content.push(h('h3', null, words(predicate)), h('ul', { class: 'claims' }, list.map((s) => claimItem(s, 'out'))));
    }
    if (inward.length) {
      content.push(h('h2', null, 'Claims about others that name it'));
      for (const [predicate, list] of groupByPredicate(inward)) {
        content.push(h('h3', null, `${words(predicate)} → ${entity.name}`), h('ul', { class: 'claims' }, list.map((s) => claimItem(s, 'in'))));
      }
    }

    const charts = entityCharts(index);
    if (charts.length) content.push(h('h2', null, 'Metrics'), h('div', { class: 'charts' }, charts));

    content.push(h('h2', { id: 'neighbourhood' }, 'Neighbourhood'));
    content.push(renderNeighbourhood(index));
    const link = content.find((node) => node.querySelector && node.querySelector('[data-scroll]'));
    if (link) {
      link.querySelector('[data-scroll]').addEventListener('click', (event) => {
        event.preventDefault();
        document.getElementById('neighbourhood').scrollIntoView();
      });
    }
    return content;
  }

  // ---- Neighbourhood drawing (laid out at export time) ----------------------------------------------------

  function labelWidth(text) {
    let width = 0;
    for (const character of text) width += character.codePointAt(0) > 0x2e80 ? 12 : 7;
    return width + 14;
  }
  const shorten = (text, length) => (Array.from(text).length > length ? Array.from(text).slice(0, length - 1).join('') + '…' : text);

  function renderNeighbourhood(index) {
    const flat = DATA.neighbourhoods[index] || [];
    const nodes = [];
    for (let i = 0; i + 3 < flat.length; i += 4) nodes.push({ entity: flat[i], hops: flat[i + 1], x: flat[i + 2], y: flat[i + 3] });
    const where = new Map(nodes.map((node, i) => [node.entity, i]));
    if (nodes.length <= 1) return h('p', { class: 'muted' }, 'No links to other entities.');
    // Edges among the drawn entities; dashed when the time controls hide all of a pair's claims.
    const pairs = new Map();
    for (const node of nodes) {
      for (const s of outgoing[node.entity]) {
        const statement = statements[s];
        if (statement.object === undefined || !where.has(statement.object) || statement.object === node.entity) continue;
        const key = `${node.entity}>${statement.object}`;
        if (!pairs.has(key)) pairs.set(key, { from: node, to: nodes[where.get(statement.object)], list: [] });
        pairs.get(key).list.push(s);
      }
    }
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const node of nodes) {
      node.label = shorten(entities[node.entity].name, 26);
      node.width = labelWidth(node.label);
      minX = Math.min(minX, node.x - node.width / 2); maxX = Math.max(maxX, node.x + node.width / 2);
      minY = Math.min(minY, node.y - 12); maxY = Math.max(maxY, node.y + 12);
    }
    const pad = 10;
    const svg = s('svg', {
      class: 'drawing', role: 'img', viewBox: `${minX - pad} ${minY - pad} ${maxX - minX + 2 * pad} ${maxY - minY + 2 * pad}`,
      'aria-label': `${entities[index].name} and the entities within two links (${nodes.length} drawn)`,
    });
    svg.append(s('defs', null, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' },
      s('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#8795a1' }))));
    for (const { from, to, list } of pairs.values()) {
      const shown = list.some((st) => isVisible(statements[st]));
      // End the line at the target box's edge so that the arrow shows.
      const dx = to.x - from.x, dy = to.y - from.y;
      const scale = Math.min(Math.abs(dx) > 0 ? (to.width / 2) / Math.abs(dx) : Infinity, Math.abs(dy) > 0 ? 12 / Math.abs(dy) : Infinity, 1);
      const line = s('line', { class: `edge${shown ? '' : ' hidden-by-time'}`, x1: from.x, y1: from.y,
        x2: to.x - dx * scale, y2: to.y - dy * scale, 'marker-end': 'url(#arrow)' });
      line.append(s('title', null, list.map((st) => `${entities[from.entity].name} ${words(predicateName(statements[st]))} ${entities[to.entity].name}`).join('\n')));
      svg.append(line);
    }
    for (const node of nodes) {
      const group = s('a', { href: entityHash(node.entity), class: `node${node.hops === 0 ? ' center' : node.hops === 2 ? ' far' : ''}` },
        s('title', null, `${entities[node.entity].name} (${types[entities[node.entity].type]})`),
        s('rect', { x: node.x - node.width / 2, y: node.y - 11, width: node.width, height: 22 }),
        s('text', { x: node.x, y: node.y }, node.label));
      svg.append(group);
    }
    const total = new Set(outgoing[index].concat(incoming[index]).map((st) => {
      const statement = statements[st];
      return statement.object === undefined ? null : statement.subject === index ? statement.object : statement.subject;
    }).filter((e) => e !== null)).size;
    return h('figure', { class: 'neighbourhood' }, svg,
      h('figcaption', { class: 'muted' }, `Links within two steps (${nodes.length} entities drawn, ${total} linked directly; layout: ${DATA.layout}). ` +
        'Dashed lines: claims hidden by the time controls. Solid boxes: direct links; dashed boxes: two steps away.'));
  }

  // ---- Timeline ----------------------------------------------------------------------------------------

  function renderTimeline() {
    const entityId = currentParams.get('entity');
    const entity = entityId !== null && entityById.has(entityId) ? entityById.get(entityId) : null;
    const modalityParam = currentParams.get('modality');
    const modalities = modalityParam ? new Set(modalityParam.split(',')) : new Set(DATA.modalities);
    const sourceParam = currentParams.get('source');
    const source = sourceParam !== null && sourceParam !== '' ? Number(sourceParam) : null;

    // Which sources a citation stands for: the cited one and those that relayed it.
    const citesSource = (statement) => statement.sources.some(([cited]) => {
      for (let at = cited; at !== undefined; at = sources[at].via) if (at === source) return true;
      return false;
    });
    const chosen = [];
    let undated = 0;
    const candidates = entity === null ? statements.map((_, i) => i) : outgoing[entity].concat(incoming[entity]);
    for (const index of candidates) {
      const statement = statements[index];
      if (!isVisible(statement) || !modalities.has(statement.modality)) continue;
      if (source !== null && !citesSource(statement)) continue;
      if (!statement.valid_start && !statement.valid_end) { undated += 1; continue; }
      chosen.push(index);
    }
    const start = (st) => dayOf(st.valid_start || st.valid_end);
    const end = (st) => dayOf(st.valid_end || st.valid_start);
    chosen.sort((a, b) => start(statements[a]) - start(statements[b]) || end(statements[a]) - end(statements[b]) || a - b);

    const update = (changes) => {
      const params = new URLSearchParams(currentParams);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') params.delete(key);
        else params.set(key, value);
      }
      navigate('timeline', params);
    };
    const entityInput = h('input', { type: 'search', id: 'timeline-entity', placeholder: 'any entity', value: entity === null ? '' : entities[entity].name, 'aria-label': 'Entity' });
    entityInput.addEventListener('change', () => {
      const found = entityInput.value.trim() ? search(entityInput.value, 1) : [];
      update({ entity: found.length ? found[0].id : null });
    });
    const modalityBoxes = DATA.modalities.map((modality) => {
      const box = h('input', { type: 'checkbox', value: modality, checked: modalities.has(modality) });
      box.addEventListener('change', () => {
        const kept = DATA.modalities.filter((m) => (m === modality ? box.checked : modalities.has(m)));
        update({ modality: kept.length === DATA.modalities.length ? null : kept.join(',') });
      });
      return h('label', null, box, ' ', modalityBadge(modality));
    });
    const sourceSelect = h('select', { id: 'timeline-source', 'aria-label': 'Source' }, h('option', { value: '' }, 'any source'),
      sources.map((src, i) => h('option', { value: i, selected: i === source }, `${sourceLabel(src)}${src.publisher && src.published ? ', ' + src.published : ''}`)));
    sourceSelect.addEventListener('change', () => update({ source: sourceSelect.value }));

    const content = [h('h1', null, 'Timeline'),
      h('div', { class: 'filters' }, h('label', null, 'Entity ', entityInput), h('span', null, 'Modality ', modalityBoxes), h('label', null, 'Source ', sourceSelect))];
    content.push(h('p', { class: 'muted' }, `${chosen.length} dated claims${undated ? `, ${undated} undated (not on the axis)` : ''}` +
      `${chosen.length > TIMELINE_LIMIT ? `; drawing the first ${TIMELINE_LIMIT}: narrow the filters to see the rest` : ''}.`));
    const drawn = chosen.slice(0, TIMELINE_LIMIT);
    if (drawn.length) content.push(timelineChart(drawn, start, end), timelineLegend(), timelineTable(drawn));
    return content;
  }

  function timelineLegend() {
    return h('p', { class: 'legend' }, 'Markers carry the modality\'s letter: ',
      DATA.modalities.map((m) => [badge(m, `${MODALITY_LETTER[m]} ${m}`), ' ']), ' Bars are periods known only to their precision (e.g. a quarter).');
  }

  function timelineChart(drawn, start, end) {
    let first = Infinity, last = -Infinity;
    for (const index of drawn) {
      first = Math.min(first, start(statements[index]));
      last = Math.max(last, end(statements[index]) + 1);
    }
    const margin = Math.max(15, Math.round((last - first) * 0.03));
    first -= margin; last += margin;
    const width = 1000, laneHeight = 18, top = 30;
    const x = (day) => ((day - first) / (last - first)) * width;
    // Greedy lanes: each item in the first lane free at its start.
    const laneEnds = [];
    const placed = drawn.map((index) => {
      const statement = statements[index];
      const x1 = x(start(statement)), x2 = Math.max(x(end(statement) + 1), x1 + 14);
      let lane = laneEnds.findIndex((endX) => endX + 4 <= x1);
      if (lane === -1) { lane = laneEnds.length; laneEnds.push(0); }
      laneEnds[lane] = x2;
      return { index, x1, x2, lane };
    });
    const height = top + laneEnds.length * laneHeight + 10;
    const svg = s('svg', { class: 'timeline-chart', viewBox: `-10 0 ${width + 20} ${height}`, role: 'img', 'aria-label': `Timeline of ${drawn.length} claims` });
    svg.append(s('line', { class: 'axis', x1: 0, y1: top - 8, x2: width, y2: top - 8 }));
    const firstYear = Number(isoOf(first).slice(0, 4)), lastYear = Number(isoOf(last).slice(0, 4));
    const step = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 12));
    for (let year = firstYear; year <= lastYear + 1; year += step) {
      const tick = x(daysFromCivil(year, 1, 1));
      if (tick < 0 || tick > width) continue;
      svg.append(s('line', { class: 'axis', x1: tick, y1: top - 12, x2: tick, y2: height }),
        s('text', { class: 'tick', x: tick, y: top - 16 }, String(year)));
    }
    for (const item of placed) {
      const statement = statements[item.index];
      const y = top + item.lane * laneHeight;
      const isSpan = statement.valid_precision !== 'day' || statement.valid_start !== statement.valid_end;
      const mark = `mark-${statement.modality}`;
      const link = s('a', { href: entityHash(statement.subject), 'data-statement': statement.id });
      link.append(s('title', null, `${entities[statement.subject].name} ${words(predicateName(statement))} ${valueText(statement)} — ${statement.valid} (${statement.modality})`));
      if (isSpan) link.append(s('rect', { class: `item span-mark ${mark}`, x: item.x1, y: y, width: item.x2 - item.x1, height: laneHeight - 4, rx: 3 }));
      link.append(s('circle', { class: `item ${mark}`, cx: item.x1 + 7, cy: y + (laneHeight - 4) / 2, r: 7 }),
        s('text', { class: 'letter', x: item.x1 + 7, y: y + (laneHeight - 4) / 2 }, MODALITY_LETTER[statement.modality]));
      svg.append(link);
    }
    return svg;
  }

  function timelineTable(drawn) {
    return h('table', { class: 'events' },
      h('thead', null, h('tr', null, h('th', null, 'When'), h('th', null, 'Claim'), h('th', null, 'Modality'))),
      h('tbody', null, drawn.map((index) => {
        const statement = statements[index];
        return h('tr', { 'data-statement': statement.id },
          h('td', null, statement.valid),
          h('td', null, entityLink(statement.subject), ` ${words(predicateName(statement))} `, valueNodes(statement)),
          h('td', null, modalityBadge(statement.modality)));
      })));
  }

  // ---- Metric series -----------------------------------------------------------------------------------------

  // The quantity statements of one subject and metric, visible now, dated points in time order.
  function seriesOf(subject, predicate) {
    return outgoing[subject].filter((i) => statements[i].predicate === predicate && statements[i].value &&
      statements[i].value.amount !== undefined && isVisible(statements[i]));
  }
  const middleDay = (statement) => {
    const first = dayOf(statement.valid_start), last = dayOf(statement.valid_end);
    if (first === null && last === null) return null;
    if (first === null || last === null) return first === null ? last : first;
    return (first + last) / 2;
  };

  function entityCharts(subject) {
    const charts = [];
    const metrics = new Set();
    for (const i of outgoing[subject]) if (predicates[statements[i].predicate].kind === 'quantity') metrics.add(statements[i].predicate);
    for (const predicate of metrics) {
      const points = seriesOf(subject, predicate);
      const units = [...new Set(points.map((i) => statements[i].value.unit))];
      // One chart per unit: amounts are labelled, never converted.
      for (const unit of units) {
        charts.push(chart(`${words(predicates[predicate].name)} (${unit})`, [{ label: entities[subject].name, points: points.filter((i) => statements[i].value.unit === unit) }]));
      }
    }
    return charts;
  }

  function chart(title, series) {
    const dated = series.map((one) => ({ label: one.label, points: one.points.filter((i) => middleDay(statements[i]) !== null)
      .sort((a, b) => middleDay(statements[a]) - middleDay(statements[b])) }));
    const undated = series.reduce((count, one) => count + one.points.length, 0) - dated.reduce((count, one) => count + one.points.length, 0);
    const all = dated.flatMap((one) => one.points);
    const box = h('figure', { class: 'chart' }, h('h3', null, title));
    if (!all.length) {
      box.append(h('p', { class: 'muted' }, undated ? `${undated} undated value${undated === 1 ? '' : 's'}: nothing to place in time.` : 'No values under the time controls.'));
      return box;
    }
    const width = 300, height = 150, left = 66, bottom = 22;
    let firstDay = Infinity, lastDay = -Infinity, top = 0;
    for (const i of all) {
      const statement = statements[i];
      firstDay = Math.min(firstDay, dayOf(statement.valid_start) ?? middleDay(statement));
      lastDay = Math.max(lastDay, dayOf(statement.valid_end) ?? middleDay(statement));
      top = Math.max(top, statement.value.amount, statement.value.upper ?? 0);
    }
    if (lastDay - firstDay < 60) { firstDay -= 30; lastDay += 30; }
    top = top > 0 ? top * 1.1 : 1;
    const x = (day) => left + ((day - firstDay) / (lastDay - firstDay)) * (width - left - 8);
    const y = (value) => height - bottom - (value / top) * (height - bottom - 8);
    const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title });
    for (const fraction of [0, 0.5, 1]) {
      const value = top * fraction / 1.1;
      svg.append(s('line', { class: 'grid', x1: left, x2: width - 8, y1: y(value), y2: y(value) }),
        s('text', { class: 'label', x: left - 4, y: y(value) + 3, 'text-anchor': 'end' }, formatNumber(value)));
    }
    svg.append(s('text', { class: 'label', x: left, y: height - 6 }, isoOf(Math.round(firstDay)).slice(0, 7)),
      s('text', { class: 'label', x: width - 8, y: height - 6, 'text-anchor': 'end' }, isoOf(Math.round(lastDay)).slice(0, 7)));
    dated.forEach((one, n) => {
      const css = `series-${n % 6}`;
      if (one.points.length > 1) {
        svg.append(s('polyline', { class: `line ${css}`, points: one.points.map((i) => `${x(middleDay(statements[i]))},${y(statements[i].value.amount)}`).join(' ') }));
      }
      for (const i of one.points) {
        const statement = statements[i];
        const cx = x(middleDay(statement)), cy = y(statement.value.amount);
        const start = dayOf(statement.valid_start), end = dayOf(statement.valid_end);
        if (start !== null && end !== null && end > start) svg.append(s('line', { class: `line ${css}`, x1: x(start), x2: x(end), y1: cy, y2: cy }));
        if (statement.value.lower !== undefined || statement.value.upper !== undefined) {
          svg.append(s('line', { class: `line ${css}`, x1: cx, x2: cx, y1: y(statement.value.lower ?? statement.value.amount), y2: y(statement.value.upper ?? statement.value.amount) }));
        }
        const point = s('a', { href: entityHash(statement.subject) }, s('circle', { class: css, cx, cy, r: 3.5 }),
          s('title', null, `${one.label}: ${quantityText(statement.value)}, ${statement.valid} (${statement.modality})`));
        svg.append(point);
        if (BOUND_SYMBOL[statement.value.bound]) svg.append(s('text', { class: `label ${css}`, x: cx + 5, y: cy - 4 }, BOUND_SYMBOL[statement.value.bound]));
      }
    });
    box.append(svg);
    if (dated.length > 1) box.append(h('p', { class: 'legend' }, dated.map((one, n) => [h('span', { class: `badge series-${n % 6}` }, one.label), ' '])));
    if (undated) box.append(h('p', { class: 'muted' }, `${undated} undated value${undated === 1 ? '' : 's'} not drawn.`));
    return box;
  }

  function renderMetrics() {
    const metricIndexes = predicates.map((p, i) => i).filter((i) => predicates[i].kind === 'quantity');
    const subjectsOf = new Map(metricIndexes.map((i) => [i, new Set()]));
    for (const statement of statements) {
      if (subjectsOf.has(statement.predicate) && statement.value && statement.value.amount !== undefined) subjectsOf.get(statement.predicate).add(statement.subject);
    }
    const used = metricIndexes.filter((i) => subjectsOf.get(i).size > 0);
    const content = [h('h1', null, 'Metrics'),
      h('p', { class: 'muted' }, 'One metric at a time: registrations are not weekly active users. Amounts are labelled in their own units, never converted.')];
    if (!used.length) return content.concat(h('p', null, 'No measured values in this graph.'));
    const metricParam = currentParams.get('metric');
    // By default the metric most entities have: the richest comparison.
    const widest = used.reduce((best, i) => (subjectsOf.get(i).size > subjectsOf.get(best).size ? i : best), used[0]);
    const metric = used.find((i) => predicates[i].name === metricParam) ?? widest;
    const subjects = [...subjectsOf.get(metric)].sort((a, b) => entities[a].name.localeCompare(entities[b].name));
    const chosenParam = currentParams.get('subjects');
    const chosen = chosenParam === null ? subjects.slice(0, 6) : subjects.filter((e) => chosenParam.split(',').includes(entities[e].id));
    const metricSelect = h('select', { id: 'metric', 'aria-label': 'Metric' },
      used.map((i) => h('option', { value: predicates[i].name, selected: i === metric }, `${words(predicates[i].name)} (${subjectsOf.get(i).size})`)));
    metricSelect.addEventListener('change', () => navigate('metrics', new URLSearchParams({ metric: metricSelect.value })));
    const boxes = subjects.map((e) => {
      const box = h('input', { type: 'checkbox', value: entities[e].id, checked: chosen.includes(e) });
      box.addEventListener('change', () => {
        const kept = subjects.filter((other) => (other === e ? box.checked : chosen.includes(other)));
        navigate('metrics', new URLSearchParams({ metric: predicates[metric].name, subjects: kept.map((k) => entities[k].id).join(',') }));
      });
      return h('label', null, box, ' ', entities[e].name);
    });
    content.push(h('div', { class: 'filters' }, h('label', null, 'Metric ', metricSelect)), h('div', { class: 'filters' }, 'Compare: ', boxes));
    // As aikg::CompareSeries: units of different dimensions are not compared.
    const series = chosen.map((e) => ({ label: entities[e].name, points: seriesOf(e, metric) }));
    const units = [...new Set(series.flatMap((one) => one.points.map((i) => statements[i].value.unit)))];
    const dimensions = [...new Set(units.map((unit) => DATA.units[unit]))];
    if (dimensions.length > 1) {
      const [a, b] = units.filter((unit, i) => units.findIndex((other) => DATA.units[other] === DATA.units[unit]) === i);
      content.push(h('p', { class: 'refusal', role: 'alert' }, `Refusing to compare ${a} (${DATA.units[a]}) with ${b} (${DATA.units[b]}): ` +
        'they measure different things. Choose series in one kind of unit.'));
      return content;
    }
    content.push(h('div', { class: 'charts' }, units.map((unit) => chart(`${words(predicates[metric].name)} (${unit})`,
      series.map((one) => ({ label: one.label, points: one.points.filter((i) => statements[i].value.unit === unit) })).filter((one) => one.points.length)))));
    return content;
  }

  // ---- Start ----------------------------------------------------------------------------------------

  document.getElementById('home-link').textContent = DATA.title;
  document.getElementById('summary').textContent =
    `${DATA.title}: ${entities.length} entities, ${statements.length} claims, ${sources.length} sources (aikg)`;
  window.addEventListener('hashchange', render);
  // For tests and scripts: the library's search and time filter, as this page runs them.
  window.aikgExplorer = { search, fold, isVisible: (i) => isVisible(statements[i]), statements, entities };
  render();
  // When the first view was drawn, in milliseconds from the start of navigation (bench/).
  window.aikgExplorer.readyAt = performance.now();
})();
