"""Serving the dashboard from several Streamlit processes behind nginx (docs/deploy.md): the nginx
configuration (nginx.py and nginx/*.template), the processes and their health (processes.py), a launcher
for one machine without root (serve.py) and systemd units (systemd/)."""
