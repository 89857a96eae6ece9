# One image for the action server, Rasa and the Telegram bot (docker-compose.yml picks the command).
FROM python:3.10-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PYTHONPATH=/app \
    RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3
WORKDIR /app
COPY requirements.txt constraints.txt ./
RUN pip install --no-cache-dir "pip<24.1" && pip install --no-cache-dir -r requirements.txt -c constraints.txt
COPY . .
RUN python -m i18n.catalogs compile && rasa train --fixed-model-name aid-assistant --out models
RUN useradd --create-home aid && chown -R aid /app
USER aid
