-- wrk script: single-contact classify requests, for a load generator that costs the
-- server's 2 cores almost nothing (bench/load.py's Python client competes with it).
--   ROOTCAUSE_TOKEN=... wrk -t2 -c8 -d10s -s bench/wrk_classify.lua --latency http://127.0.0.1:8000/v1/classify
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("ROOTCAUSE_TOKEN") or "")
wrk.body = '{"id": "wrk-1", "text": "Le mail de réinitialisation du mot de passe n arrive jamais, je suis bloquée"}'
