"""gunicorn's settings for ``scripts/run.sh`` (``gunicorn -c config/gunicorn.py``); worker counts stay there.

The access log names the path but never the query string nor the Referer: an officer's search
(``/console/?q=0812…``) and the login page's ``next=`` carry citizens' phone numbers and e-mail addresses,
and the Referer repeats the previous page's query. ``%(U)s`` is the path without the query.
"""
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'
