import json,subprocess,yaml,re,collections,sys
import os; D=os.path.dirname(os.path.abspath(__file__))+'/'
src=open(D+'source.txt',encoding='utf-8').read()
K=yaml.safe_load(open(D+'knowledge.yaml',encoding='utf-8'))
qs=json.load(open(D+'questions.json',encoding='utf-8'))['questions']
ev=collections.defaultdict(list)
for e in K['events']: ev[str(e['date'])].append(e)
norm=lambda s:re.sub(r'\s+',' ',s)
assert len(qs)==40, len(qs)
ids=[q['id'] for q in qs]; assert len(set(ids))==40
lang=collections.Counter(q['lang'] for q in qs); print(lang)
cat=collections.Counter(q['cat'] for q in qs); print(dict(cat))
for q in qs:
    if not q['answerable']:
        assert q['dates']==[] and q['min_dates']==0 and 'any' not in q and 'key' not in q, q['id']
        # any dates named in the question have no event
        for y in re.findall(r'\b(1\d{3}|\d{3})\b',q['q']):
            assert not any(d.startswith(y) or d.startswith('0'+y) for d in ev), (q['id'],y)
        continue
    assert q['dates'] and 1<=q['min_dates']<=len(q['dates']) and q['any'], q['id']
    for d in q['dates']: assert d in ev, (q['id'],d)
    if q['cat']!='range': assert len(q['dates'])<=3, q['id']
    for k in q.get('key',[]):
        r=subprocess.run(['grep','-F','-q',k,D+'source.txt']); assert r.returncode==0,(q['id'],k)
        ok=any(norm(k) in norm(p) for d in q['dates'] for e in ev[d] for p in e['passages'])
        assert ok,(q['id'],k)
    if q['cat'] in ('range',) or 'jours' in q['q']: assert 'key' not in q, q['id']
# unanswerable specific dates: 14 July 1919, 1750
assert '1919-07-14' not in ev and not any(d.startswith('1750') or d.startswith('1919') for d in ev)
print(sum(not q['answerable'] for q in qs),'unanswerable; all checks passed')
