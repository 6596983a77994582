DROP TABLE appeal_photos;
DROP TABLE appeal_messages;
DROP TABLE appeals;
DROP TABLE appeal_topics;
